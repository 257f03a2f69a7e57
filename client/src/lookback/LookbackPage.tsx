import { useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { BoardComparison } from '@guatu/shared/api/lookback'
import { canEditProjectOfUnit, canManageBoards } from '@guatu/shared/domain/permissions'
import type { Project } from '@guatu/shared/domain/project'
import { lastEndedMeeting } from '@guatu/shared/lookback/compareBoards'
import { downloadChanges, fetchChanges } from '../api/lookbackApi.ts'
import { boardPath } from '../app/route.ts'
import { AppLink } from '../app/AppLink.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useFollowedUnit } from '../meeting/useFollowedUnit.ts'
import { useMeetings } from '../meeting/useMeetings.ts'
import { BoardYearContext } from '../sync/boardYearContext.ts'
import { loadPastBoard, type PastBoard } from '../sync/pastBoard.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { ChangesList } from './ChangesList.tsx'
import { formatMoment } from './formatMoment.ts'
import { MomentPicker } from './MomentPicker.tsx'
import { PastProjects } from './PastProjects.tsx'
import './lookback.css'

const AT_PARAM = 'at'

function momentInUrl(): string | undefined {
  const at = new URLSearchParams(window.location.search).get(AT_PARAM)
  return at && !Number.isNaN(Date.parse(at)) ? at : undefined
}

/**
 * 回头看: the board as it stood at a chosen moment (历史视图, read only, clearly marked, left in one
 * click), what changed since then grouped by unit (变化对比), and restore to that moment. By
 * default the moment is the end of the last meeting — how every 调度会 opens.
 */
export function LookbackPage({ boardId, onMessage }: { boardId: string; onMessage: (message: string) => void }) {
  const principal = usePrincipal()
  const connection = useBoardConnection()
  const year = useContext(BoardYearContext)
  const meetings = useMeetings()
  const followedUnit = useFollowedUnit()
  const lastEnd = useMemo(() => lastEndedMeeting(meetings, new Date().toISOString())?.endedAt, [meetings])
  const [chosen, setChosen] = useState<string | undefined>(momentInUrl)
  const at = chosen ?? lastEnd
  const [past, setPast] = useState<PastBoard | null>(null)
  const [comparison, setComparison] = useState<BoardComparison | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!at) return
    let current = true
    setPast(null)
    setComparison(null)
    setError(null)
    // While a meeting follows a reporting unit, the changes are that unit's: the whole board first, then each unit.
    const filter = new URLSearchParams(followedUnit ? { unit: followedUnit } : {})
    Promise.all([loadPastBoard(boardId, at, year), fetchChanges(boardId, { from: at }, filter)])
      .then(([board, changes]) => {
        if (!current) return
        setPast(board)
        setComparison(changes)
      })
      .catch((reason: unknown) => current && setError(reason instanceof Error ? reason.message : '读取历史失败'))
    return () => {
      current = false
    }
  }, [boardId, at, year, followedUnit])

  const choose = useCallback((moment: string) => {
    setChosen(moment)
    const url = new URL(window.location.href)
    url.searchParams.set(AT_PARAM, moment)
    window.history.replaceState(window.history.state, '', url)
  }, [])

  const office = canManageBoards(principal)
  const canRestore = useCallback((project: Project) => canEditProjectOfUnit(principal, project.unit), [principal])
  const restoreOne = (project: Project) => {
    if (!past || !at || !window.confirm(`将「${project.name}」恢复到 ${formatMoment(at)} 的状态？此操作会作为一次新的修改记入历史，可撤销。`)) return
    past.restoreProject(connection.doc, project.id)
    onMessage(`已将「${project.name}」恢复到 ${formatMoment(at)}（可撤销）`)
  }
  const restoreAll = () => {
    if (!past || !at || !window.confirm(`将整个看板的项目恢复到 ${formatMoment(at)} 的状态？此操作会作为一次新的修改记入历史，可撤销。`)) return
    past.restoreAll(connection.doc)
    onMessage(`已将全部项目恢复到 ${formatMoment(at)}（可撤销）`)
  }

  return (
    <div className="problems-page lookback-page" data-testid="lookback-page">
      <h2 className="problems-title">回头看</h2>
      <MomentPicker key={at ?? 'none'} at={at} meetings={meetings} onChoose={choose} />
      {!at && <p>看板还没有已结束的调度会：请选择要回看的时刻。</p>}
      {at && (
        <p className="history-banner" role="status" data-testid="history-banner">
          <strong>历史视图 · {formatMoment(at)}</strong>（只读）
          <AppLink href={boardPath(boardId)} data-testid="leave-history">
            返回当前看板
          </AppLink>
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {at && !error && (!past || !comparison) && <p role="status">正在读取 {formatMoment(at)} 的看板…</p>}
      {comparison && (
        <section aria-labelledby="lookback-changes-title">
          <h3 id="lookback-changes-title">
            变化对比（此后至今{followedUnit ? ` · ${followedUnit}` : ''}）
            <button
              type="button"
              className="lookback-restore-all"
              onClick={() =>
                at &&
                void downloadChanges(boardId, at, new URLSearchParams(followedUnit ? { unit: followedUnit } : {})).catch((reason: Error) =>
                  onMessage(reason.message),
                )
              }
              data-testid="lookback-export"
            >
              导出变化清单（Excel）
            </button>
          </h3>
          <ChangesList comparison={comparison} />
        </section>
      )}
      {past && (
        <section aria-labelledby="lookback-board-title">
          <h3 id="lookback-board-title">
            看板（{formatMoment(past.at)}）
            {office && (
              <button type="button" className="lookback-restore-all" onClick={restoreAll} data-testid="lookback-restore-all">
                全部项目恢复到此时
              </button>
            )}
          </h3>
          <PastProjects state={past.state} canRestore={canRestore} onRestore={restoreOne} />
        </section>
      )}
    </div>
  )
}

import { useCallback, useEffect, useState } from 'react'
import { useBoardMeta } from '../app/useBoardMeta.ts'
import { useLocalUser } from '../presence/useLocalUser.ts'
import { BoardConnectionContext } from '../sync/boardConnectionContext.ts'
import { BoardYearContext } from '../sync/boardYearContext.ts'
import { useConnectionStatus } from '../sync/useConnectionStatus.ts'
import { useOpenBoardConnection } from '../sync/useOpenBoardConnection.ts'
import { ScreenCanvas } from './ScreenCanvas.tsx'
import { WallScreen } from './WallScreen.tsx'
// The wall's own CJK face, bundled (no CDN) and split by unicode-range, so a wall on a 信创 machine
// without PingFang or YaHei draws the same glyph widths the layout was checked with; the browser
// fetches only the slices holding characters on screen. 600 falls to 700 by the CSS matching rules.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './screen.css'
import './screenTiles.css'

function WallMessage({ text, role = 'status' }: { text: string; role?: 'status' | 'alert' }) {
  return (
    <div className="sw-wall sw-wall-message" role={role}>
      <p>{text}</p>
    </div>
  )
}

/** Waits for the server's copy of the board once, so the wall never flashes zeros on start. */
function WhenSynced({ title }: { title: string }) {
  const status = useConnectionStatus()
  const [synced, setSynced] = useState(status.synced)
  if (status.synced && !synced) setSynced(true)
  if (!synced) return <WallMessage text={status.closedForGood && status.closedReason ? status.closedReason : '正在同步看板数据…'} />
  return <WallScreen title={title} />
}

/**
 * `/screen/:boardId`: the 大屏 of a board, for a wall in the meeting room. Read-only; opened with a
 * screen link (`?token=gs_…`, nobody signs in) or by anyone who may read the board. It stays up by
 * itself: the connection reconnects, and a refused update (a screen writes nothing, but the server
 * may still resynchronise us) just reopens the board from the server's copy.
 */
export default function ScreenPage({ boardId }: { boardId: string }) {
  const meta = useBoardMeta(boardId)
  const user = useLocalUser()
  const [generation, setGeneration] = useState(0)
  const onRejected = useCallback(() => setGeneration((n) => n + 1), [])
  const connection = useOpenBoardConnection(boardId, generation, user, onRejected)

  useEffect(() => {
    if (meta.status === 'ready') document.title = `${meta.board.name} · 大屏`
  }, [meta])

  let content
  if (meta.status === 'missing') content = <WallMessage role="alert" text="看板不存在" />
  else if (!connection || meta.status === 'loading') content = <WallMessage text="正在打开大屏…" />
  else {
    const title = meta.status === 'ready' ? meta.board.name : '重点项目挂图作战'
    const year = meta.status === 'ready' ? meta.board.year : Number(new Date().getFullYear())
    content = (
      <BoardConnectionContext.Provider value={connection}>
        {/* The year fills in default targets when the board has none stored (useBoardSettings). */}
        <BoardYearContext.Provider value={year}>
          <WhenSynced key={generation} title={title} />
        </BoardYearContext.Provider>
      </BoardConnectionContext.Provider>
    )
  }
  return <ScreenCanvas>{content}</ScreenCanvas>
}

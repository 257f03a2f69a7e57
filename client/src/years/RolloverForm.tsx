import { memo, useMemo, useRef, useState, type FormEvent } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import type { RolloverPreview } from '@guatu/shared/api/years'
import { commitRollover, previewRollover } from './yearsApi.ts'

type Preview = RolloverPreview

/**
 * 新建年度看板 (the project office): pick last year's board, see what would be carried, changed
 * and left, choose which projects carry over (the default set checked), then make the new board
 * with exactly those. Nothing is written before 确认建立.
 */
export const RolloverForm = memo(function RolloverForm({ boards, onCreated }: { boards: readonly BoardSummary[]; onCreated: (board: BoardSummary) => void }) {
  const [sourceId, setSourceId] = useState(boards[0]?.id ?? '')
  const source = boards.find((board) => board.id === sourceId)
  const [year, setYear] = useState(String((source?.year ?? new Date().getFullYear()) + 1))
  /** The default preview: its rows (carried, then left) are the picker's, in a stable order. */
  const [base, setBase] = useState<Preview | undefined>()
  /** The preview for the projects chosen now (counts, changes, problems carried). */
  const [preview, setPreview] = useState<Preview | undefined>()
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const asked = useRef(0)
  const reset = () => {
    setBase(undefined)
    setPreview(undefined)
  }

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await work()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '操作失败')
    } finally {
      setBusy(false)
    }
  }
  const rows = useMemo(() => (base ? [...base.carried.map((project) => project.id), ...base.left.map((project) => project.id)] : []), [base])
  const submitPreview = (event: FormEvent) => {
    event.preventDefault()
    asked.current += 1
    void run(async () => {
      const answer = await previewRollover(sourceId, { year: Number(year) })
      setBase(answer)
      setPreview(answer)
      setChosen(new Set(answer.carried.map((project) => project.id)))
    })
  }
  /** A new choice: the preview is asked again for exactly those (an older answer arriving late is dropped). */
  const choose = (next: ReadonlySet<string>) => {
    setChosen(next)
    const ask = ++asked.current
    void run(async () => {
      const answer = await previewRollover(sourceId, { year: Number(year), projectIds: rows.filter((id) => next.has(id)) })
      if (ask === asked.current) setPreview(answer)
    })
  }
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(id)
    else next.delete(id)
    choose(next)
  }
  const commit = () =>
    void run(async () => onCreated((await commitRollover(sourceId, { year: Number(year), projectIds: rows.filter((id) => chosen.has(id)) })).board))

  return (
    <section className="rollover" aria-labelledby="rollover-title">
      <form className="create-board-form" onSubmit={submitPreview}>
        <h2 id="rollover-title">新建年度看板</h2>
        <label>
          上年看板
          <select
            value={sourceId}
            onChange={(event) => {
              setSourceId(event.target.value)
              reset()
              const chosen = boards.find((board) => board.id === event.target.value)
              if (chosen) setYear(String(chosen.year + 1))
            }}
          >
            {boards.map((board) => (
              <option key={board.id} value={board.id}>
                {board.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          新年度
          <input
            value={year}
            onChange={(event) => {
              setYear(event.target.value)
              reset()
            }}
            inputMode="numeric"
          />
        </label>
        <button type="submit" disabled={busy || sourceId === ''}>
          预览结转
        </button>
      </form>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {base && preview && (
        <RolloverChoice
          base={base}
          preview={preview}
          chosen={chosen}
          busy={busy}
          onToggle={toggle}
          onAll={(on) => choose(on ? new Set(rows) : new Set())}
          onCommit={commit}
        />
      )}
    </section>
  )
})

/**
 * The preview with the picker: every project of last year's board once, in the default preview's
 * order, checked when it carries over. The counts and changes are the server's for the choice.
 */
const RolloverChoice = memo(function RolloverChoice({
  base,
  preview,
  chosen,
  busy,
  onToggle,
  onAll,
  onCommit,
}: {
  base: Preview
  preview: Preview
  chosen: ReadonlySet<string>
  busy: boolean
  onToggle: (id: string, on: boolean) => void
  onAll: (on: boolean) => void
  onCommit: () => void
}) {
  const changes = new Map(preview.carried.map((project) => [project.id, project.changes]))
  const leftReason = new Map([...preview.left, ...base.left].map((project) => [project.id, project.reason]))
  const projects = [...base.carried, ...base.left]
  const exists = preview.target.exists
  return (
    <div className="rollover-preview" data-testid="rollover-preview">
      <p role="status">
        {exists
          ? `「${preview.target.name}」已建立，再次确认不会重复结转。`
          : `将建立「${preview.target.name}」：结转 ${preview.carried.length} 个项目，留在上年 ${preview.left.length} 个；带入未解决问题 ${preview.problems} 个、督办单 ${preview.notices} 件。`}
      </p>
      {!exists && (
        <div className="rollover-choice-actions">
          <span className="field-hint">默认勾选未投产的项目；可逐个勾选或取消。</span>
          <button type="button" onClick={() => onAll(true)} disabled={busy}>
            全选
          </button>
          <button type="button" onClick={() => onAll(false)} disabled={busy}>
            全不选
          </button>
        </div>
      )}
      <table className="rollover-table" aria-label="选择结转项目">
        <thead>
          <tr>
            <th scope="col">结转</th>
            <th scope="col">项目名称</th>
            <th scope="col">责任单位</th>
            <th scope="col">变化或不结转的原因</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => {
            const on = chosen.has(project.id)
            const projectChanges = changes.get(project.id)
            return (
              <tr key={project.id} data-testid="rollover-row" data-project={project.id} data-chosen={on}>
                <td>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={exists}
                    aria-label={`结转「${project.name}」`}
                    onChange={(event) => onToggle(project.id, event.target.checked)}
                  />
                </td>
                <td>{project.name}</td>
                <td>{project.unit}</td>
                <td>{on ? (projectChanges ? projectChanges.join('；') || '—' : '…') : (leftReason.get(project.id) ?? '未选择')}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <button type="button" className="primary-button" onClick={onCommit} disabled={busy || (!exists && chosen.size === 0)}>
        {exists ? '打开已建立的看板' : `确认建立（结转 ${chosen.size} 个）`}
      </button>
    </div>
  )
})

import { memo, useState, type FormEvent } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import type { RolloverPreview } from '@guatu/shared/api/years'
import { commitRollover, previewRollover } from './yearsApi.ts'

/**
 * 新建年度看板 (the project office): pick last year's board, see what would be carried, changed
 * and left, then make the new board. Nothing is written before 确认建立.
 */
export const RolloverForm = memo(function RolloverForm({ boards, onCreated }: { boards: readonly BoardSummary[]; onCreated: (board: BoardSummary) => void }) {
  const [sourceId, setSourceId] = useState(boards[0]?.id ?? '')
  const source = boards.find((board) => board.id === sourceId)
  const [year, setYear] = useState(String((source?.year ?? new Date().getFullYear()) + 1))
  const [preview, setPreview] = useState<RolloverPreview | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

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
  const request = () => ({ year: Number(year) })
  const submitPreview = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => setPreview(await previewRollover(sourceId, request())))
  }
  const commit = () => void run(async () => onCreated((await commitRollover(sourceId, request())).board))

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
              setPreview(undefined)
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
              setPreview(undefined)
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
      {preview && (
        <div className="rollover-preview" data-testid="rollover-preview">
          <p role="status">
            {preview.target.exists
              ? `「${preview.target.name}」已建立，再次确认不会重复结转。`
              : `将建立「${preview.target.name}」：结转 ${preview.carried.length} 个项目，留在上年 ${preview.left.length} 个；带入未解决问题 ${preview.problems} 个、督办单 ${preview.notices} 件。`}
          </p>
          <details open>
            <summary>结转项目（{preview.carried.length}）</summary>
            <table className="rollover-table">
              <thead>
                <tr>
                  <th scope="col">项目名称</th>
                  <th scope="col">责任单位</th>
                  <th scope="col">变化</th>
                </tr>
              </thead>
              <tbody>
                {preview.carried.map((project) => (
                  <tr key={project.id}>
                    <td>{project.name}</td>
                    <td>{project.unit}</td>
                    <td>{project.changes.join('；') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <details>
            <summary>不结转（{preview.left.length}）</summary>
            <ul>
              {preview.left.map((project) => (
                <li key={project.id}>
                  {project.name}（{project.unit}）：{project.reason}
                </li>
              ))}
            </ul>
          </details>
          <button type="button" className="primary-button" onClick={commit} disabled={busy}>
            {preview.target.exists ? '打开已建立的看板' : '确认建立'}
          </button>
        </div>
      )}
    </section>
  )
})

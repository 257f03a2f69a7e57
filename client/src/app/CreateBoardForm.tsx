import { memo, useState, type FormEvent } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { createBoard } from '../api/boardsApi.ts'

const MIN_YEAR = 2000
const MAX_YEAR = 2100

export const CreateBoardForm = memo(function CreateBoardForm({ onCreated }: { onCreated: (board: BoardSummary) => void }) {
  const [name, setName] = useState('')
  const [year, setYear] = useState(String(new Date().getFullYear()))
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const yearNumber = Number(year)
    if (!trimmed) return setError('看板名称不能为空')
    if (!Number.isInteger(yearNumber) || yearNumber < MIN_YEAR || yearNumber > MAX_YEAR) {
      return setError(`年度须为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数`)
    }
    setBusy(true)
    setError(undefined)
    try {
      onCreated(await createBoard({ name: trimmed, year: yearNumber }))
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '新建看板失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="create-board-form" onSubmit={submit} aria-labelledby="create-board-title">
      <h2 id="create-board-title">新建看板</h2>
      <label>
        看板名称
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="如：2025年区级重点项目" />
      </label>
      <label>
        年度
        <input value={year} onChange={(event) => setYear(event.target.value)} inputMode="numeric" />
      </label>
      <button type="submit" className="primary-button" disabled={busy}>
        新建看板
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  )
})

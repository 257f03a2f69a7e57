import { memo, useId, useState, type FormEvent } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { createScreenLink } from '../api/screenLinksApi.ts'
import { CopyableUrl } from './CopyableUrl.tsx'

const MAX_VALID_DAYS = 3650

/** Makes a read-only link for a wall display; the full address is shown once, with a copy button. */
export const CreateScreenLinkForm = memo(function CreateScreenLinkForm({ boards, onCreated }: { boards: readonly BoardSummary[]; onCreated: () => void }) {
  const id = useId()
  const [boardId, setBoardId] = useState('')
  const [name, setName] = useState('')
  const [days, setDays] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [url, setUrl] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const selectedBoard = boardId || boards[0]?.id || ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!selectedBoard) return setError('请先选择看板')
    if (!name.trim()) return setError('请填写链接名称，如：三楼会议室大屏')
    const daysText = days.trim()
    const expiresInDays = daysText === '' ? undefined : Number(daysText)
    if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_VALID_DAYS)) {
      return setError(`有效天数须为 1–${MAX_VALID_DAYS} 之间的整数，留空表示长期有效`)
    }
    setBusy(true)
    setError(undefined)
    try {
      const path = await createScreenLink({
        boardId: selectedBoard,
        name: name.trim(),
        ...(expiresInDays === undefined ? {} : { expiresInDays }),
      })
      setUrl(`${window.location.origin}${path}`)
      setName('')
      setDays('')
      onCreated()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '生成大屏链接失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="create-screen-link-form">
      <h3 id={`${id}-title`}>新建大屏链接</h3>
      <div className="admin-form-row">
        <label>
          看板
          <select value={selectedBoard} onChange={(event) => setBoardId(event.target.value)} data-testid="screen-link-board">
            {boards.map((board) => (
              <option key={board.id} value={board.id}>
                {board.name}（{board.year}年）
              </option>
            ))}
          </select>
        </label>
        <label>
          名称
          <input value={name} placeholder="如：三楼会议室大屏" onChange={(event) => setName(event.target.value)} data-testid="screen-link-name" />
        </label>
        <label>
          有效天数（可选）
          <input value={days} inputMode="numeric" placeholder="留空表示长期有效" onChange={(event) => setDays(event.target.value)} />
        </label>
      </div>
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={busy || boards.length === 0} data-testid="screen-link-submit">
          生成链接
        </button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </div>
      {url && <CopyableUrl url={url} onDismiss={() => setUrl(undefined)} />}
    </form>
  )
})

import { memo, useState, type FormEvent } from 'react'
import { saveExternalId } from '../api/singleSignOnApi.ts'
import type { ListedUser } from '@guatu/shared/api/users'

/** One account's 统一身份账号: set, changed or removed by the office. */
export const ExternalIdRow = memo(function ExternalIdRow({
  user,
  externalId,
  onChanged,
}: {
  user: ListedUser
  externalId: string | undefined
  onChanged: () => void
}) {
  const [draft, setDraft] = useState<string | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const save = async (value: string | null) => {
    setBusy(true)
    setError(undefined)
    try {
      await saveExternalId(user.id, value)
      setDraft(undefined)
      onChanged()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '保存失败')
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (draft !== undefined && draft.trim()) void save(draft.trim())
  }
  const name = user.displayName || user.username

  return (
    <tr data-testid={`external-id-row-${user.username}`} className={user.disabled ? 'user-disabled' : undefined}>
      <td>{user.username}</td>
      <td>{user.displayName || '—'}</td>
      <td data-testid="external-id-value">{externalId ?? '未开通'}</td>
      <td className="user-actions">
        {draft === undefined ? (
          <div className="row-buttons">
            <button type="button" onClick={() => setDraft(externalId ?? '')} data-testid="external-id-edit">
              {externalId ? '修改' : '开通'}
            </button>
            {externalId && (
              <button type="button" className="danger-button" disabled={busy} onClick={() => void save(null)}>
                取消开通
              </button>
            )}
          </div>
        ) : (
          <form className="row-form" onSubmit={submit} aria-label={`设置「${name}」的统一身份账号`}>
            <label>
              统一身份账号
              <input autoFocus value={draft} maxLength={128} data-testid="external-id-input" onChange={(event) => setDraft(event.target.value)} />
            </label>
            <div className="row-buttons">
              <button type="submit" className="primary-button" disabled={busy || !draft.trim()} data-testid="external-id-save">
                保存
              </button>
              <button type="button" onClick={() => setDraft(undefined)}>
                取消
              </button>
            </div>
          </form>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  )
})

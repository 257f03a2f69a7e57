import { memo, useState, type FormEvent } from 'react'
import { canAssignRoles, canManageAccounts } from '@guatu/shared/domain/permissions'
import { isRole, offeredRoles, ROLE_LABEL, type Role } from '@guatu/shared/domain/role'
import type { ListedUser, PatchUserRequest } from '@guatu/shared/api/users'
import { unlockUser, updateUser } from '../api/usersApi.ts'
import { describePasswordPolicy, passwordProblem } from '@guatu/shared/domain/passwordPolicy'
import { usePasswordPolicy } from '../auth/usePasswordPolicy.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { UnitsPicker } from './UnitsPicker.tsx'

type Mode = { kind: 'view' } | { kind: 'edit'; role: Role; units: string[] } | { kind: 'password'; password: string }

/** One account: its role and units can be changed, its password reset, the account disabled or enabled. */
export const UserRow = memo(function UserRow({ user, knownUnits, onChanged }: { user: ListedUser; knownUnits: readonly string[]; onChanged: () => void }) {
  const principal = usePrincipal()
  const policy = usePasswordPolicy()
  // Under 三员 each duty sees only its own buttons (the server refuses the others anyway).
  const managesAccounts = canManageAccounts(principal)
  const assignsRoles = canAssignRoles(principal)
  const [mode, setMode] = useState<Mode>({ kind: 'view' })
  const [error, setError] = useState<string | undefined>()
  const [notice, setNotice] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const apply = async (patch: PatchUserRequest | 'unlock', success: string) => {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      if (patch === 'unlock') await unlockUser(user.id)
      else await updateUser(user.id, patch)
      setMode({ kind: 'view' })
      setNotice(success)
      onChanged()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '修改失败')
    } finally {
      setBusy(false)
    }
  }
  const submitEdit = (event: FormEvent) => {
    event.preventDefault()
    if (mode.kind === 'edit') void apply({ role: mode.role, units: mode.units }, '角色和单位已更新')
  }
  const submitPassword = (event: FormEvent) => {
    event.preventDefault()
    if (mode.kind !== 'password') return
    const problem = policy && passwordProblem(policy, mode.password, user.username)
    if (problem) return setError(problem)
    void apply({ password: mode.password }, '密码已重置：该账号的所有登录和脚本令牌已失效，需用新密码重新登录')
  }
  const name = user.displayName || user.username

  return (
    <tr data-testid={`user-row-${user.username}`} className={user.disabled ? 'user-disabled' : undefined}>
      <td>{user.username}</td>
      <td>{user.displayName || '—'}</td>
      <td>{ROLE_LABEL[user.role]}</td>
      <td className="cell-wrap">{user.units.length > 0 ? user.units.join('、') : '—'}</td>
      <td>
        {user.disabled ? <span className="state-tag state-off">已停用</span> : <span className="state-tag state-on">正常</span>}
        {user.lockedUntil && (
          <span className="state-tag state-off" data-testid={`user-locked-${user.username}`}>
            已锁定（至{lockedUntilText(user.lockedUntil)}）
          </span>
        )}
      </td>
      <td className="user-actions">
        {mode.kind === 'view' && (
          <div className="row-buttons">
            {assignsRoles && (
              <button type="button" onClick={() => setMode({ kind: 'edit', role: user.role, units: [...user.units] })}>
                修改角色/单位
              </button>
            )}
            {managesAccounts && (
              <button type="button" onClick={() => setMode({ kind: 'password', password: '' })}>
                重置密码
              </button>
            )}
            {assignsRoles && user.lockedUntil && (
              <button type="button" disabled={busy} onClick={() => void apply('unlock', '账号已解锁，可以重新登录')}>
                解锁
              </button>
            )}
            {managesAccounts && (
              <button
                type="button"
                className={user.disabled ? undefined : 'danger-button'}
                disabled={busy}
                onClick={() => void apply({ disabled: !user.disabled }, user.disabled ? '账号已启用' : '账号已停用')}
              >
                {user.disabled ? '启用' : '停用'}
              </button>
            )}
          </div>
        )}
        {mode.kind === 'edit' && (
          <form className="row-form" onSubmit={submitEdit} aria-label={`修改「${name}」的角色和单位`}>
            <label>
              角色
              <select value={mode.role} onChange={(event) => isRole(event.target.value) && setMode({ ...mode, role: event.target.value })}>
                {offeredRoles(principal.kind === 'user' && principal.dutiesSeparated).map((value) => (
                  <option key={value} value={value}>
                    {ROLE_LABEL[value]}
                  </option>
                ))}
              </select>
            </label>
            <UnitsPicker known={knownUnits} value={mode.units} onChange={(units) => setMode({ ...mode, units })} />
            <div className="row-buttons">
              <button type="submit" className="primary-button" disabled={busy}>
                保存
              </button>
              <button type="button" onClick={() => setMode({ kind: 'view' })}>
                取消
              </button>
            </div>
          </form>
        )}
        {mode.kind === 'password' && (
          <form className="row-form" onSubmit={submitPassword} aria-label={`重置「${name}」的密码`}>
            <label>
              新密码{policy ? `（${describePasswordPolicy(policy)}）` : ''}
              <input
                type="password"
                autoComplete="new-password"
                autoFocus
                value={mode.password}
                onChange={(event) => setMode({ kind: 'password', password: event.target.value })}
              />
            </label>
            <p className="field-hint">重置密码后，该用户的所有登录和脚本令牌将失效，已打开的页面会被要求重新登录。</p>
            <div className="row-buttons">
              <button type="submit" className="primary-button" disabled={busy || !mode.password}>
                确定重置
              </button>
              <button type="button" onClick={() => setMode({ kind: 'view' })}>
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
        {notice && !error && <p role="status">{notice}</p>}
      </td>
    </tr>
  )
})

/** The lock's end as the office reads it: the time of day, with the date when it is not today. */
function lockedUntilText(iso: string): string {
  const until = new Date(iso)
  const time = until.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })
  return until.toDateString() === new Date().toDateString() ? time : `${until.toLocaleDateString('zh-CN')} ${time}`
}

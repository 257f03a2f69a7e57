import { memo, useId, useState, type FormEvent } from 'react'
import { isRole, offeredRoles, ROLE_LABEL, Role } from '@guatu/shared/domain/role'
import { createUser } from '../api/usersApi.ts'
import { describePasswordPolicy, passwordProblem } from '@guatu/shared/domain/passwordPolicy'
import { usePasswordPolicy } from '../auth/usePasswordPolicy.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { UnitsPicker } from './UnitsPicker.tsx'

/** Adds an account; the server checks the rules (password length, units for editors, unique name) and its message is shown here. */
export const AddUserForm = memo(function AddUserForm({ knownUnits, onCreated }: { knownUnits: readonly string[]; onCreated: () => void }) {
  const id = useId()
  const principal = usePrincipal()
  const policy = usePasswordPolicy()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>(Role.editor)
  const [units, setUnits] = useState<string[]>([])
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!username.trim() || !password) return setError('请填写用户名和初始密码')
    const problem = policy && passwordProblem(policy, password, username.trim())
    if (problem) return setError(problem)
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    try {
      const name = username.trim()
      await createUser({
        username: name,
        password,
        role,
        units,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      })
      setUsername('')
      setDisplayName('')
      setPassword('')
      setUnits([])
      setDone(`已添加账号「${name}」`)
      onCreated()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '添加账号失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="add-user-form">
      <h3 id={`${id}-title`}>添加账号</h3>
      <div className="admin-form-row">
        <label>
          用户名
          <input value={username} autoComplete="off" onChange={(event) => setUsername(event.target.value)} data-testid="new-user-username" />
        </label>
        <label>
          姓名
          <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} data-testid="new-user-display-name" />
        </label>
        <label>
          初始密码{policy && <span className="hint-text">（{describePasswordPolicy(policy)}）</span>}
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="new-user-password"
          />
        </label>
        <label>
          角色
          <select value={role} onChange={(event) => isRole(event.target.value) && setRole(event.target.value)} data-testid="new-user-role">
            {offeredRoles(principal.kind === 'user' && principal.dutiesSeparated).map((value) => (
              <option key={value} value={value}>
                {ROLE_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <UnitsPicker known={knownUnits} value={units} onChange={setUnits} />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={busy} data-testid="new-user-submit">
          添加账号
        </button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {done && <p role="status">{done}</p>}
      </div>
    </form>
  )
})

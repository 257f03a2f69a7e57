import { memo, useState, type FormEvent } from 'react'
import {
  PASSWORD_CHANGE_REFUSAL,
  describePasswordPolicy,
  passwordProblem,
  type PasswordChangeReason,
  type PasswordPolicy,
} from '@guatu/shared/domain/passwordPolicy'
import { changePassword } from '../api/authApi.ts'
import { ApiError } from '../api/http.ts'
import { navigate } from '../app/route.ts'
import { signedIn, signOut } from './session.ts'
import './auth.css'

interface ChangePasswordPageProps {
  username: string
  policy: PasswordPolicy | undefined
  /** Set when the server refuses everything else until the password is changed. */
  required: PasswordChangeReason | undefined
}

/**
 * 修改密码: the current password and a new one twice, checked against the same rules the server
 * applies (shared/src/domain/passwordPolicy.ts) before it is sent. When a change is required this
 * is the only page, with 退出登录 as the way out.
 */
export const ChangePasswordPage = memo(function ChangePasswordPage({ username, policy, required }: ChangePasswordPageProps) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    const problem = !current
      ? '请输入当前密码'
      : (policy && passwordProblem(policy, next, username)) || (next !== repeat ? '两次输入的新密码不一致' : undefined)
    if (problem) return setError(problem)
    setBusy(true)
    setError(undefined)
    try {
      const result = await changePassword(current, next)
      setDone(true)
      signedIn(result)
      if (required) navigate(window.location.pathname === '/password' ? '/' : `${window.location.pathname}${window.location.search}`, { replace: true })
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '修改失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} aria-labelledby="password-title" noValidate data-testid="change-password">
        <h1 id="password-title">修改密码</h1>
        {required && (
          <p className="login-notice" role="status" data-testid="password-change-required">
            {PASSWORD_CHANGE_REFUSAL[required]}。
          </p>
        )}
        {policy && <p className="hint-text">{describePasswordPolicy(policy)}。修改后，您在其他设备上的登录和脚本令牌都将失效。</p>}
        <label htmlFor="password-current">当前密码</label>
        <input
          id="password-current"
          data-testid="password-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <label htmlFor="password-new">新密码</label>
        <input
          id="password-new"
          data-testid="password-new"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <label htmlFor="password-repeat">再次输入新密码</label>
        <input
          id="password-repeat"
          data-testid="password-repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        {error && (
          <p className="error-text" role="alert" data-testid="password-error">
            {error}
          </p>
        )}
        {done && !required && (
          <p className="login-notice" role="status" data-testid="password-changed">
            密码已修改。
          </p>
        )}
        <button type="submit" className="primary-button" data-testid="password-submit" disabled={busy}>
          {busy ? '正在修改…' : '修改密码'}
        </button>
        {required ? (
          <button type="button" className="logout-button" onClick={() => void signOut()}>
            退出登录
          </button>
        ) : (
          <a href="/">返回看板列表</a>
        )}
      </form>
    </main>
  )
})

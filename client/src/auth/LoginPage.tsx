import { memo, useState, type FormEvent } from 'react'
import { login } from '../api/authApi.ts'
import { ApiError } from '../api/http.ts'
import { ssoStartUrl } from '../api/singleSignOnApi.ts'
import { navigate, nextPathAfterLogin } from '../app/route.ts'
import { signedIn } from './session.ts'
import { useSignInOptions } from './useSignInOptions.ts'
import './auth.css'

const SECONDS_PER_MINUTE = 60

/**
 * Wrong password, unknown name and throttling each get the server's own words. A 429 without a
 * message of its own is worded here, with the wait from `Retry-After`.
 */
function loginFailureMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '登录失败，请稍后再试'
  if (error.status !== 429 || error.hasServerMessage) return error.message
  const minutes = error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / SECONDS_PER_MINUTE) : undefined
  return minutes ? `登录失败次数过多，请约 ${minutes} 分钟后再试` : '登录失败次数过多，请稍后再试'
}

/**
 * `/login`: user name and password, and the 统一身份认证 button when the server has single sign-on
 * (only the button when passwords are off); afterwards back to the page that was asked for (`?next=`).
 */
export const LoginPage = memo(function LoginPage({ expired }: { expired: boolean }) {
  const options = useSignInOptions()
  // Until the server answered, the password form shows: the usual case, and no flash of nothing.
  const passwords = options?.localLogin ?? true
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (!username.trim() || !password) return setError('请输入用户名和密码')
    setBusy(true)
    setError(undefined)
    try {
      signedIn(await login(username.trim(), password))
      navigate(nextPathAfterLogin(window.location.search), { replace: true })
    } catch (failure) {
      setError(loginFailureMessage(failure))
      setPassword('')
      setBusy(false)
    }
  }

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">挂图作战 · 登录</h1>
        {expired && !error && (
          <p className="login-notice" role="status">
            登录已失效，请重新登录。
          </p>
        )}
        {passwords && (
          <>
            <label htmlFor="login-username">用户名</label>
            <input
              id="login-username"
              data-testid="login-username"
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
              onChange={(event) => setUsername(event.target.value)}
            />
            <label htmlFor="login-password">密码</label>
            <input
              id="login-password"
              data-testid="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
            {error && (
              <p id="login-error" className="error-text" role="alert" data-testid="login-error">
                {error}
              </p>
            )}
            <button type="submit" className="primary-button" data-testid="login-submit" disabled={busy}>
              {busy ? '正在登录…' : '登录'}
            </button>
          </>
        )}
        {options?.sso && (
          <a
            className={passwords ? 'sso-login' : 'sso-login primary-link-button'}
            href={ssoStartUrl(nextPathAfterLogin(window.location.search))}
            data-testid="sso-login"
          >
            {options.sso.label}
          </a>
        )}
      </form>
    </main>
  )
})

import { memo } from 'react'
import { formatLoginTime } from '@guatu/shared/domain/accountStatus'
import { useSession } from './useSession.ts'

/**
 * 上次登录：time and address of the sign-in before this one, and failed attempts since (等保: the
 * user can notice someone else using or guessing at the account).
 */
export const LastLoginNotice = memo(function LastLoginNotice() {
  const session = useSession()
  const status = session.status === 'ready' && session.me.kind === 'user' ? session.me.status : undefined
  if (!status) return null
  const { lastLogin, failedLoginsSince } = status
  const text = lastLogin ? `上次登录：${formatLoginTime(lastLogin.at)}，来自 ${lastLogin.address}` : '首次登录'
  return (
    <span className="current-user-last-login" data-testid="last-login">
      {text}
      {failedLoginsSince > 0 && <strong className="error-text">（此后登录失败{failedLoginsSince}次）</strong>}
    </span>
  )
})

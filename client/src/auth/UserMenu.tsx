import { memo, type ReactNode } from 'react'
import { AppLink } from '../app/AppLink.tsx'
import { PASSWORD_PATH } from '../app/route.ts'
import { LastLoginNotice } from './LastLoginNotice.tsx'
import { useSession } from './useSession.ts'

/**
 * The signed-in user's name opens the last sign-in notice and 修改密码: no extra header item, so the
 * header stays on one line on a laptop. It opens by itself when attempts failed since the last
 * sign-in: that is the moment the user must notice.
 */
export const UserMenu = memo(function UserMenu({ children }: { children: ReactNode }) {
  const session = useSession()
  const status = session.status === 'ready' && session.me.kind === 'user' ? session.me.status : undefined
  const warn = (status?.failedLoginsSince ?? 0) > 0
  return (
    <details className="user-menu" open={warn || undefined}>
      <summary data-testid="user-menu" title="上次登录与修改密码">
        {children}
        {warn && <span className="user-menu-warning">!</span>}
      </summary>
      <div className="user-menu-panel">
        <LastLoginNotice />
        <AppLink href={PASSWORD_PATH} data-testid="change-password-link">
          修改密码
        </AppLink>
      </div>
    </details>
  )
})

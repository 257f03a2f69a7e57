import { memo, useState } from 'react'
import { canListUsers, canReadSecurityAudit } from '@guatu/shared/domain/permissions'
import { ROLE_LABEL } from '@guatu/shared/domain/role'
import { AppLink } from '../app/AppLink.tsx'
import { ADMIN_PATH } from '../app/route.ts'
import { signOut } from './session.ts'
import { UserMenu } from './UserMenu.tsx'
import { usePrincipal } from './usePrincipal.ts'

/** Who is signed in (name, role, units), the admin page for 项目办, and 退出登录. A screen shows its name only. */
export const CurrentUser = memo(function CurrentUser() {
  const principal = usePrincipal()
  const [busy, setBusy] = useState(false)
  if (principal.kind === 'screen') {
    return (
      <div className="current-user" data-testid="current-user">
        <span className="current-user-name">大屏：{principal.name}</span>
        <span className="role-tag">只读</span>
      </div>
    )
  }
  const out = () => {
    setBusy(true)
    void signOut()
  }
  return (
    <div className="current-user">
      <UserMenu>
        <span data-testid="current-user" className="current-user-who">
          <span className="current-user-name">{principal.displayName || principal.username}</span>
          <span className="role-tag">{ROLE_LABEL[principal.role]}</span>
          {principal.units.length > 0 && <span className="current-user-units">{principal.units.join('、')}</span>}
        </span>
      </UserMenu>
      {canListUsers(principal) && (
        <AppLink href={ADMIN_PATH} className="header-link" data-testid="admin-link">
          账号管理
        </AppLink>
      )}
      {canReadSecurityAudit(principal) && (
        <a href="/api/security-audit?format=csv" className="header-link" download data-testid="security-audit-link">
          导出安全审计日志
        </a>
      )}
      <button
        type="button"
        className="logout-button"
        onClick={out}
        disabled={busy}
        data-testid="logout"
        title={`退出 ${principal.displayName || principal.username} 的登录`}
      >
        退出登录
      </button>
    </div>
  )
})

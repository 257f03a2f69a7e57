import { lazy, Suspense, useEffect } from 'react'
import { canListUsers } from '@guatu/shared/domain/permissions'
import type { PasswordPolicy } from '@guatu/shared/domain/passwordPolicy'
import type { Principal } from '@guatu/shared/domain/principal'
import { AdminPage } from '../admin/AdminPage.tsx'
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx'
import { LoginPage } from '../auth/LoginPage.tsx'
import { PrincipalContext } from '../auth/principalContext.ts'
import { loadSession } from '../auth/session.ts'
import { useSession } from '../auth/useSession.ts'
import { BoardListPage } from './BoardListPage.tsx'
import { BoardPage } from './BoardPage.tsx'
import { ReservePage } from '../reserve/ReservePage.tsx'
import { RollupsPage } from '../years/RollupsPage.tsx'
import { loginPath, navigate, nextPathAfterLogin, parseRoute, type Route } from './route.ts'
import { usePathname } from './usePathname.ts'

// The wall display carries ECharts; loaded on its own so the board's first load stays small.
const ScreenPage = lazy(() => import('../screen/ScreenPage.tsx'))

function Screen({ boardId }: { boardId: string }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="page-message">
          正在打开大屏…
        </p>
      }
    >
      <ScreenPage key={boardId} boardId={boardId} />
    </Suspense>
  )
}

function NotFound() {
  return (
    <main className="page-message">
      <h1>页面不存在</h1>
      <a href="/">返回看板列表</a>
    </main>
  )
}

/**
 * Asks the server who we are, then routes: nobody → 登录 (remembering the page asked for); a screen
 * link → its one board, read-only, whatever the path (the wall display at `/screen/…`, otherwise the
 * board); a person → the page of the address.
 */
export function App() {
  const pathname = usePathname()
  const route = parseRoute(pathname)
  const session = useSession()

  const mustLogIn = session.status === 'anonymous' && route.kind !== 'login'
  const leaveLogin = session.status === 'ready' && session.principal.kind === 'user' && route.kind === 'login'
  useEffect(() => {
    if (mustLogIn) navigate(loginPath(`${window.location.pathname}${window.location.search}`), { replace: true })
    else if (leaveLogin) navigate(nextPathAfterLogin(window.location.search), { replace: true })
  }, [mustLogIn, leaveLogin])

  switch (session.status) {
    case 'loading':
      return (
        <p role="status" className="page-message">
          正在验证登录…
        </p>
      )
    case 'error':
      return (
        <main className="page-message" role="alert">
          <p className="error-text">{session.message}</p>
          <button type="button" onClick={() => void loadSession()}>
            重试
          </button>
        </main>
      )
    case 'anonymous':
      return route.kind === 'login' ? <LoginPage expired={session.expired} /> : null
    case 'ready':
      // Signed in: the page for the route, below.
      break
  }

  const { principal } = session
  if (principal.kind === 'screen') {
    return (
      <PrincipalContext.Provider value={principal}>
        {route.kind === 'screen' ? <Screen boardId={principal.boardId} /> : <BoardPage key={principal.boardId} boardId={principal.boardId} view="board" />}
      </PrincipalContext.Provider>
    )
  }
  const status = session.me.kind === 'user' ? session.me.status : undefined
  // Until a required change is made, the server refuses everything else: show nothing else.
  if (status?.passwordChangeRequired && route.kind !== 'login') {
    return <ChangePasswordPage username={principal.username} policy={status.passwordPolicy} required={status.passwordChangeRequired} />
  }
  return (
    <PrincipalContext.Provider value={principal}>
      <UserPage route={route} principal={principal} passwordPolicy={status?.passwordPolicy} />
    </PrincipalContext.Provider>
  )
}

function UserPage({ route, principal, passwordPolicy }: { route: Route; principal: Principal & { kind: 'user' }; passwordPolicy: PasswordPolicy | undefined }) {
  switch (route.kind) {
    case 'password':
      return <ChangePasswordPage username={principal.username} policy={passwordPolicy} required={undefined} />
    case 'login':
      return null // leaving for `next`, see the effect in App
    case 'boards':
      return <BoardListPage />
    case 'board':
    case 'map':
    case 'problems':
    case 'progress':
    case 'warnings':
    case 'notices':
    case 'review':
    case 'ranking':
    case 'lookback':
    case 'settings':
      // Keyed by board: switching boards tears down one connection and opens the other, while
      // going between the board and its 问题清单 keeps the same one.
      return <BoardPage key={route.boardId} boardId={route.boardId} view={route.kind} />
    case 'meetings':
      return <BoardPage key={route.boardId} boardId={route.boardId} view="meetings" />
    case 'minutes':
      return <BoardPage key={route.boardId} boardId={route.boardId} view="minutes" meetingId={route.meetingId} />
    case 'screen':
      return <Screen boardId={route.boardId} />
    case 'admin':
      return canListUsers(principal) ? (
        <AdminPage />
      ) : (
        <main className="page-message" data-testid="forbidden">
          <h1>无权限</h1>
          <p>只有项目办可以管理账号和大屏链接。</p>
          <a href="/">返回看板列表</a>
        </main>
      )
    case 'reserve':
      return <ReservePage />
    case 'rollups':
      return <RollupsPage />
    case 'notFound':
      return <NotFound />
  }
}

import { memo, useEffect, useMemo } from 'react'
import { AppLink } from '../app/AppLink.tsx'
import { useBoardList } from '../app/useBoardList.ts'
import { canManageAccounts, canManageBoards } from '@guatu/shared/domain/permissions'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { ExternalIdsSection } from './ExternalIdsSection.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { ScreenLinksSection } from './ScreenLinksSection.tsx'
import { UsersSection } from './UsersSection.tsx'
import { ReminderChannelsSection } from '../reminders/ReminderChannelsSection.tsx'
import './admin.css'
import '../reminders/reminders.css'

/** `/admin`, for 项目办 only: accounts, their 统一身份账号, and wall-display links. */
export const AdminPage = memo(function AdminPage() {
  const { state } = useBoardList()
  const principal = usePrincipal()
  const boards = useMemo(() => (state.status === 'ready' ? state.boards : []), [state])
  useEffect(() => {
    document.title = '账号与大屏管理 · 挂图作战'
  }, [])
  return (
    <div className="admin-page">
      <header className="board-header">
        <AppLink href="/" className="home-link" aria-label="返回看板列表">
          挂图作战
        </AppLink>
        <h1 className="board-title">账号与大屏管理</h1>
        <CurrentUser />
      </header>
      <main className="admin-main">
        {state.status === 'error' && (
          <p role="alert" className="error-text">
            看板列表加载失败：{state.message}
          </p>
        )}
        <UsersSection boards={boards} />
        {canManageAccounts(principal) && <ExternalIdsSection />}
        {canManageBoards(principal) && <ScreenLinksSection boards={boards} />}
        {canManageBoards(principal) && <ReminderChannelsSection boards={boards} />}
      </main>
    </div>
  )
})

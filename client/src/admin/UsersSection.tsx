import { memo, useMemo } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { canManageAccounts } from '@guatu/shared/domain/permissions'
import { fetchUsers } from '../api/usersApi.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { AddUserForm } from './AddUserForm.tsx'
import { useKnownUnits } from './useKnownUnits.ts'
import { useLoaded } from './useLoaded.ts'
import { UserRow } from './UserRow.tsx'
import { LoadStatus } from './LoadStatus.tsx'

/** 账号: every account with its role, units and state, and a form to add one. */
export const UsersSection = memo(function UsersSection({ boards }: { boards: readonly BoardSummary[] }) {
  const principal = usePrincipal()
  const { state, reload } = useLoaded(fetchUsers)
  const users = useMemo(() => (state.status === 'ready' ? state.value : []), [state])
  const accountUnits = useMemo(() => users.flatMap((user) => user.units), [users])
  const knownUnits = useKnownUnits(boards, accountUnits)
  return (
    <section className="admin-section" aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">账号</h2>
      <LoadStatus state={state} loadingText="正在加载账号…" reload={reload} />
      {state.status === 'ready' && (
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">责任单位</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} knownUnits={knownUnits} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
      {canManageAccounts(principal) && <AddUserForm knownUnits={knownUnits} onCreated={reload} />}
    </section>
  )
})

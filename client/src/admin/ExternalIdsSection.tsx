import { memo } from 'react'
import { fetchExternalIds } from '../api/singleSignOnApi.ts'
import type { ListedUser } from '@guatu/shared/api/users'
import { fetchUsers } from '../api/usersApi.ts'
import { ExternalIdRow } from './ExternalIdRow.tsx'
import { useLoaded } from './useLoaded.ts'
import { LoadStatus } from './LoadStatus.tsx'

async function loadAccountsWithExternalIds(): Promise<{ users: ListedUser[]; externalIds: Map<string, string> }> {
  const [users, identities] = await Promise.all([fetchUsers(), fetchExternalIds()])
  return { users, externalIds: new Map(identities.map((identity) => [identity.userId, identity.externalId])) }
}

/**
 * 统一身份认证: which 统一身份账号 (the identity provider's user, by the configured claim) may
 * enter as which account. An identity not listed here is refused; role and units stay the account's.
 */
export const ExternalIdsSection = memo(function ExternalIdsSection() {
  const { state, reload } = useLoaded(loadAccountsWithExternalIds)
  return (
    <section className="admin-section" aria-labelledby="admin-external-ids-title">
      <h2 id="admin-external-ids-title">统一身份认证</h2>
      <p>为账号开通统一身份账号后，该人员可用省（市）统一身份认证登录，角色和责任单位仍按本系统账号设置。未开通的统一身份账号无法登录。</p>
      <LoadStatus state={state} loadingText="正在加载…" reload={reload} />
      {state.status === 'ready' && (
        <table className="admin-table" data-testid="external-ids-table">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">统一身份账号</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {state.value.users.map((user) => (
              <ExternalIdRow key={user.id} user={user} externalId={state.value.externalIds.get(user.id)} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
})

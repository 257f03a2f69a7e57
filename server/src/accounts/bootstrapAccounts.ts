import { randomBytes } from 'node:crypto'
import { Role } from '@guatu/shared/domain/role'
import type { AccountService } from './accountService.ts'

export interface BootstrapOptions {
  /** GUATU_ADMIN_PASSWORD; without it a password is generated and printed once. */
  adminPassword: string | undefined
  /** The demo board exists: add a department and a leader account to try the roles with. */
  withDemoAccounts: boolean
}

/** Demo accounts for the quick start; they share the admin's password. */
const DEMO_ACCOUNTS = [
  { username: 'gongxinju', displayName: '工信局联络员', role: Role.editor, units: ['工信局'] },
  { username: 'lingdao', displayName: '区长', role: Role.viewer, units: [] },
] as const

/**
 * On a database without users, creates the first admin (and the demo accounts) and prints how to
 * log in. The generated password is shown this once and stored only as a hash.
 */
export async function bootstrapAccounts(accounts: AccountService, options: BootstrapOptions): Promise<void> {
  if ((await accounts.countUsers()) > 0) return
  const password = options.adminPassword ?? randomBytes(9).toString('base64url')
  await accounts.createUser({ username: 'admin', password, role: Role.admin, units: [], displayName: '项目办' })
  const lines = ['首次启动：已创建项目办管理员账号 (first start: admin account created)', `  用户名 admin  密码 ${options.adminPassword ? '(GUATU_ADMIN_PASSWORD)' : password}`]
  if (options.withDemoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      await accounts.createUser({ ...account, units: [...account.units], password })
      lines.push(`  用户名 ${account.username}  (${account.displayName}，${account.role})  密码同上`)
    }
  }
  if (!options.adminPassword) lines.push('  这个密码只显示这一次，请登录后在「管理」中修改。')
  console.log(lines.join('\n'))
}

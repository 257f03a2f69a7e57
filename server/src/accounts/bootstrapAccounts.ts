import { randomBytes } from 'node:crypto'
import { passwordProblem, type PasswordPolicy } from '@guatu/shared/domain/passwordPolicy'
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

/** A random password the policy accepts (base64url gives upper, lower, digits and - _). */
function generatePassword(policy: PasswordPolicy): string {
  for (;;) {
    const password = randomBytes(Math.max(12, Math.ceil((policy.minLength * 3) / 4))).toString('base64url')
    if (!passwordProblem(policy, password, 'admin')) return password
  }
}

/**
 * On a database without users, creates the first admin (and the demo accounts) and prints how to
 * log in. The generated password is shown this once and stored only as a hash.
 *
 * Forced change: a generated password has been printed to a console or a log, so whoever signs in
 * with it must replace it (when GUATU_FORCE_PASSWORD_CHANGE is on). A GUATU_ADMIN_PASSWORD is the
 * operator's own choice and is kept — unless it fails the policy, then it must be changed too.
 */
export async function bootstrapAccounts(accounts: AccountService, options: BootstrapOptions): Promise<void> {
  if ((await accounts.countUsers()) === 0) await createFirstAccounts(accounts, options)
  if (accounts.controls.separateDuties) await ensureDutyAccounts(accounts)
}

/** The 三员 accounts an office gets when it turns on separated duties (on a new or an existing database). */
const DUTY_ACCOUNTS = [
  { username: 'sysadmin', displayName: '系统管理员', role: Role.systemAdmin },
  { username: 'secadmin', displayName: '安全管理员', role: Role.securityAdmin },
  { username: 'auditadmin', displayName: '审计管理员', role: Role.auditAdmin },
] as const

/**
 * With separated duties each of the three roles must have an account, or no one could create
 * accounts, grant roles or read the log. Each missing one is created with its own generated
 * password, printed once and to be changed at the first sign-in.
 */
async function ensureDutyAccounts(accounts: AccountService): Promise<void> {
  const users = await accounts.listUsers()
  const lines: string[] = []
  for (const account of DUTY_ACCOUNTS) {
    if (users.some((user) => user.role === account.role && !user.disabled)) continue
    if (users.some((user) => user.username.toLowerCase() === account.username)) {
      lines.push(`  无法创建${account.displayName}：用户名 ${account.username} 已被占用，请由安全管理员为其他账号设置此角色`)
      continue
    }
    const password = generatePassword(accounts.controls.passwordPolicy)
    await accounts.createUser({ ...account, units: [], password }, { enforcePolicy: false, mustChangePassword: true })
    lines.push(`  用户名 ${account.username}  (${account.displayName})  密码 ${password}`)
  }
  if (lines.length === 0) return
  console.log(['三员分立：已创建以下账号 (separated admin duties: accounts created)', ...lines, '  密码只显示这一次，首次登录后须先修改密码。'].join('\n'))
}

async function createFirstAccounts(accounts: AccountService, options: BootstrapOptions): Promise<void> {
  const { passwordPolicy, forcePasswordChange } = accounts.controls
  const password = options.adminPassword ?? generatePassword(passwordPolicy)
  const mustChangePassword = forcePasswordChange && (!options.adminPassword || passwordProblem(passwordPolicy, password, 'admin') !== undefined)
  const created = { enforcePolicy: false, mustChangePassword }
  await accounts.createUser({ username: 'admin', password, role: Role.admin, units: [], displayName: '项目办' }, created)
  const lines = [
    '首次启动：已创建项目办管理员账号 (first start: admin account created)',
    `  用户名 admin  密码 ${options.adminPassword ? '(GUATU_ADMIN_PASSWORD)' : password}`,
  ]
  if (options.withDemoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      await accounts.createUser({ ...account, units: [...account.units], password }, created)
      lines.push(`  用户名 ${account.username}  (${account.displayName}，${account.role})  密码同上`)
    }
  }
  if (!options.adminPassword) lines.push('  这个密码只显示这一次。')
  if (mustChangePassword) lines.push('  首次登录后须先修改密码 (the password must be changed at the first sign-in).')
  console.log(lines.join('\n'))
}

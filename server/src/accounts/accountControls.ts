import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '@guatu/shared/domain/passwordPolicy'
import { DEFAULT_SESSION_LIFETIME, type SessionLifetime } from './sessionLifetime.ts'

/** The 等保 account settings an office chooses (server/src/config.ts names their variables). */
export interface AccountControls {
  passwordPolicy: PasswordPolicy
  /** New accounts and passwords reset by the office must be changed at the next sign-in. */
  forcePasswordChange: boolean
  session: SessionLifetime
  /** 三员: accounts, roles and the security audit log each go to their own admin role. */
  separateDuties: boolean
}

export const DEFAULT_ACCOUNT_CONTROLS: AccountControls = {
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  forcePasswordChange: true,
  session: DEFAULT_SESSION_LIFETIME,
  separateDuties: false,
}

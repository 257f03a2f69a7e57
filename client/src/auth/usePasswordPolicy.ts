import type { PasswordPolicy } from '@guatu/shared/domain/passwordPolicy'
import { useSession } from './useSession.ts'

/** The server's password rules as `/api/me` gave them, for checking a password before it is sent. */
export function usePasswordPolicy(): PasswordPolicy | undefined {
  const session = useSession()
  return session.status === 'ready' && session.me.kind === 'user' ? session.me.status?.passwordPolicy : undefined
}

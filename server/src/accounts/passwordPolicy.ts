import { passwordProblem, type PasswordPolicy } from '@guatu/shared/domain/passwordPolicy'
import { RequestError } from '../requestError.ts'

/** Refuses a password the policy does not allow, with the same Chinese message the client shows. */
export function assertPasswordAllowed(policy: PasswordPolicy, password: string, username: string): void {
  const problem = passwordProblem(policy, password, username)
  if (problem) throw new RequestError(400, problem)
}

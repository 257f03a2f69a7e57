/**
 * The password rules of 等保 (GB/T 22239 8.1.4.1 a: 口令具有复杂度要求并定期更换), defined once: the
 * server refuses with these messages, the client shows the same rules before submitting.
 */
export interface PasswordPolicy {
  /** Fewest characters. */
  minLength: number
  /** How many of the four character classes (upper, lower, digit, symbol) must appear; 0 turns it off. */
  minClasses: number
  /** Days a password stays valid before the user must change it; 0: no expiry. */
  maxAgeDays: number
}

/** What an office gets without settings: 10 characters, 3 of 4 classes, no expiry. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3, maxAgeDays: 0 }

export const MAX_PASSWORD_LENGTH = 256

const CHARACTER_CLASSES = [
  { label: '大写字母', test: (char: string) => /\p{Lu}/u.test(char) },
  { label: '小写字母', test: (char: string) => /\p{Ll}/u.test(char) },
  { label: '数字', test: (char: string) => /\p{Nd}/u.test(char) },
  { label: '符号', test: (char: string) => !/[\p{L}\p{Nd}\s]/u.test(char) },
] as const

function classesIn(password: string): number {
  const chars = [...password]
  return CHARACTER_CLASSES.filter((characterClass) => chars.some(characterClass.test)).length
}

/** The rules in one Chinese sentence, as the forms show them. */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const parts = [`至少${policy.minLength}位`]
  if (policy.minClasses > 0) {
    parts.push(`包含${CHARACTER_CLASSES.map((c) => c.label).join('、')}中的至少${policy.minClasses}类`)
  }
  parts.push('不能与用户名相同')
  return `密码须${parts.join('，')}`
}

/** Why `password` is refused for `username`, in Chinese; undefined when it is acceptable. */
export function passwordProblem(policy: PasswordPolicy, password: string, username: string): string | undefined {
  const length = [...password].length
  if (length < policy.minLength) return `密码至少${policy.minLength}位`
  if (length > MAX_PASSWORD_LENGTH) return '密码过长'
  if (policy.minClasses > 0 && classesIn(password) < policy.minClasses) {
    return `密码须包含${CHARACTER_CLASSES.map((c) => c.label).join('、')}中的至少${policy.minClasses}类`
  }
  const name = username.trim().toLowerCase()
  if (name !== '' && password.toLowerCase() === name) return '密码不能与用户名相同'
  return undefined
}

/** Whether a password set at `changedAt` (ISO) has expired at `now` (epoch ms). */
export function passwordExpired(policy: PasswordPolicy, changedAt: string | null, now: number): boolean {
  if (policy.maxAgeDays <= 0 || changedAt === null) return false
  return now - Date.parse(changedAt) >= policy.maxAgeDays * 24 * 60 * 60 * 1000
}

/** Why a signed-in user must change the password before doing anything else. */
export const PasswordChangeReason = {
  /** A new account, or one whose password the office reset: only the user may know it. */
  initial: 'initial',
  /** Older than the policy allows. */
  expired: 'expired',
} as const
export type PasswordChangeReason = (typeof PasswordChangeReason)[keyof typeof PasswordChangeReason]

export const PASSWORD_CHANGE_REFUSAL: Record<PasswordChangeReason, string> = {
  initial: '首次登录或密码被重置后须先修改密码',
  expired: '密码已过期，请先修改密码',
}

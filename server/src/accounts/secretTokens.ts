import { createHash, randomBytes } from 'node:crypto'

/**
 * Bearer secrets: sessions, personal API tokens and screen links. Only a SHA-256 of each is
 * stored, so a copy of the database does not let anyone sign in. The prefix tells the kinds apart.
 */
export const TokenKind = {
  session: 's',
  api: 'gt_',
  screen: 'gs_',
} as const
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind]

export function newSecret(kind: TokenKind): string {
  return `${kind}${randomBytes(32).toString('base64url')}`
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`
}

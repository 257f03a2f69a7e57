import type { SessionRecord } from './accountStore.ts'

/**
 * How long a session lives (等保 GB/T 22239 8.1.4.1 b: 登录连接超时自动退出). `idleMs`: ended after
 * this long without a request; `maxMs`: ended this long after sign-in whatever happens, so a
 * stolen cookie or a terminal left open is not good forever.
 */
export interface SessionLifetime {
  idleMs: number
  maxMs: number
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMs: 30 * 60 * 1000, maxMs: 12 * 60 * 60 * 1000 }

/** Extending is one write: at most about once a minute per session (less for tiny test settings). */
function extendStepMs(lifetime: SessionLifetime): number {
  return Math.min(60_000, Math.floor(lifetime.idleMs / 10))
}

export function sessionEnd(lifetime: SessionLifetime, createdAt: number, now: number): number {
  return Math.min(now + lifetime.idleMs, createdAt + lifetime.maxMs)
}

export type SessionCheck = { valid: false } | { valid: true; extendTo: number | undefined }

/**
 * Whether a session is still good at `now`, and the new end to store when this use moves it. A
 * session made before its start was recorded (`createdAt` 0) is over: signing in again once after
 * the upgrade is the price of enforcing the absolute lifetime.
 */
export function checkSession(session: SessionRecord, lifetime: SessionLifetime, now: number): SessionCheck {
  if (session.expiresAt <= now || session.createdAt <= 0 || now >= session.createdAt + lifetime.maxMs) return { valid: false }
  const end = sessionEnd(lifetime, session.createdAt, now)
  // Later than the idle timeout allows (the setting was lowered): pull it in at once.
  const moved = end - session.expiresAt >= extendStepMs(lifetime) || session.expiresAt > now + lifetime.idleMs
  return { valid: true, extendTo: moved && end !== session.expiresAt ? end : undefined }
}

import { createStore } from '../sync/externalStore.ts'
import type { PresenceUser } from '../sync/createBoardConnection.ts'

const NAME_KEY = 'guatu.displayName'
const COLOR_KEY = 'guatu.color'
const MAX_NAME_LENGTH = 20

/**
 * Strong, distinct colours that stay readable as a 3px outline on a white card under a projector.
 * Chosen at random once per browser so two people with the same name still look different.
 */
export const PRESENCE_COLORS = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#4e342e']

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null // storage disabled (private mode, kiosk policy): fall back to a session-only name
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // see readStorage
  }
}

function initialUser(): { user: PresenceUser; confirmed: boolean } {
  const storedName = readStorage(NAME_KEY)
  const storedColor = readStorage(COLOR_KEY)
  const color =
    storedColor && /^#[0-9a-fA-F]{6}$/.test(storedColor)
      ? storedColor
      : (PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] ?? '#1565c0')
  if (!storedColor) writeStorage(COLOR_KEY, color)
  const name = storedName?.trim().slice(0, MAX_NAME_LENGTH) || `访客${Math.floor(1000 + Math.random() * 9000)}`
  return { user: { name, color }, confirmed: Boolean(storedName) }
}

/** The person at this browser: a default 访客NNNN until they confirm a name, which is remembered. */
export const localUserStore = createStore(initialUser())

export function confirmDisplayName(name: string): void {
  const trimmed = name.trim().slice(0, MAX_NAME_LENGTH)
  if (!trimmed) return
  writeStorage(NAME_KEY, trimmed)
  localUserStore.set({ user: { ...localUserStore.get().user, name: trimmed }, confirmed: true })
}

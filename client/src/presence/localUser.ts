import { createStore } from '../sync/externalStore.ts'

const COLOR_KEY = 'guatu.color'

/**
 * Strong, distinct colours that stay readable as a 3px outline on a white card under a projector.
 * Chosen at random once per browser so two people with the same name still look different.
 */
export const PRESENCE_COLORS = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#4e342e']

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null // storage disabled (private mode, kiosk policy): a colour for this session only
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // see readStorage
  }
}

function initialColor(): string {
  const stored = readStorage(COLOR_KEY)
  if (stored && /^#[0-9a-fA-F]{6}$/.test(stored)) return stored
  const color = PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] ?? '#1565c0'
  writeStorage(COLOR_KEY, color)
  return color
}

/**
 * This browser's presence colour. The name others see is no longer typed in here: it is the
 * signed-in account's (see usePresenceUser), so nobody can appear on the board as someone else.
 */
export const localColorStore = createStore(initialColor())

import type { WebsocketProvider } from 'y-websocket'
import { isFinalClose } from './closeReasons.ts'

/** First retry waits up to this long; each failed attempt doubles the ceiling. */
export const RECONNECT_BASE_DELAY_MS = 500
/** The ceiling stops doubling here: a client down for minutes still tries twice a minute. */
export const RECONNECT_MAX_DELAY_MS = 30_000

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniformly random wait
 * between 0 and the exponential ceiling. When a restarted server drops 500 sockets at once, their
 * retries spread over the whole window instead of arriving in synchronised waves.
 */
export function reconnectDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** Math.min(failedAttempts, 16))
  return Math.floor(random() * ceiling)
}

/**
 * Takes reconnection away from y-websocket, whose backoff (100 ms · 2ⁿ, capped) has no jitter.
 * On every unplanned close we clear `shouldConnect` before the provider's own timer fires — its
 * retry then does nothing — and call `connect()` ourselves after a jittered delay. While the
 * browser says it is offline we do not try at all, and we close the socket at once instead of
 * waiting for the provider's 30 s silence watchdog; `online` starts a (jittered) attempt.
 *
 * `onOffline` / `onOnline` let the connection clear and restore its presence around the gap.
 */
export function controlReconnection(provider: WebsocketProvider, hooks: { onOffline: () => void; onOnline: () => void }): { stop: () => void } {
  let failedAttempts = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  // Set by a final close (4401, 4403, 4404, 4400): the network coming back must not undo it, or
  // every wifi blip after 登录已失效 would open a socket the server can only refuse again.
  let closedForGood = false

  const schedule = () => {
    if (stopped || timer !== undefined) return
    const delay = reconnectDelayMs(failedAttempts)
    failedAttempts++
    timer = setTimeout(() => {
      timer = undefined
      if (stopped || navigator.onLine === false) return
      provider.connect()
    }, delay)
  }

  // Emitted before the provider schedules its own retry; `event` is null for our own closes and
  // for the provider's watchdog (which leaves `shouldConnect` set: that one we must retry).
  const onConnectionClose = (event: CloseEvent | null) => {
    if (stopped || !provider.shouldConnect) return
    if (event && isFinalClose(event.code)) {
      closedForGood = true
      return
    }
    provider.shouldConnect = false
    if (navigator.onLine !== false) schedule()
  }
  const onSync = (synced: boolean) => {
    if (synced) {
      failedAttempts = 0
      closedForGood = false
    }
  }
  const onOffline = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    hooks.onOffline()
    provider.disconnect()
  }
  const onOnline = () => {
    hooks.onOnline()
    if (closedForGood) return
    failedAttempts = 0
    schedule()
  }

  provider.on('connection-close', onConnectionClose)
  provider.on('sync', onSync)
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)
  if (navigator.onLine === false) onOffline()
  return {
    stop: () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      provider.off('connection-close', onConnectionClose)
      provider.off('sync', onSync)
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    },
  }
}

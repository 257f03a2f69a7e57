import type { WebSocket, WebSocketServer } from 'ws'

/** A peer that has not answered a ping within this long is gone (laptop lid closed, Wi-Fi lost). */
export const HEARTBEAT_INTERVAL_MS = 30_000

/**
 * Pings every socket each interval and terminates those that did not answer the previous ping, so
 * dead connections release their presence and their board can unload. Returns a stop function.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs = HEARTBEAT_INTERVAL_MS): () => void {
  const alive = new WeakMap<WebSocket, boolean>()
  wss.on('connection', (socket) => {
    alive.set(socket, true)
    socket.on('pong', () => alive.set(socket, true))
  })
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate()
        continue
      }
      alive.set(socket, false)
      socket.ping()
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

import { vi } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { isFinalClose } from '../../client/src/sync/closeReasons.ts'

/**
 * The smallest socket the real y-websocket provider can drive, for unit tests of the client's sync
 * modules: it records that it was opened and lets the test play the server (accept, or close with a
 * code). Nothing goes over a network.
 */
export class StandInSocket {
  static opened: StandInSocket[] = []
  readonly OPEN = 1
  binaryType = ''
  readyState = 0
  closedByClient = false
  onopen: (() => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onmessage: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  constructor(readonly url: string) {
    StandInSocket.opened.push(this)
  }
  send(): void {}
  close(): void {
    this.closedByClient = true
    this.readyState = 3
  }
  accept(): void {
    this.readyState = 1
    this.onopen?.()
  }
  closeByServer(code: number, reason = ''): void {
    this.readyState = 3
    this.onclose?.({ code, reason })
  }
}

export function lastSocket(): StandInSocket {
  const socket = StandInSocket.opened.at(-1)
  if (!socket) throw new Error('no socket was opened')
  return socket
}

/** A real provider configured as createBoardConnection configures it, over stand-in sockets. */
export function standInProvider(): WebsocketProvider {
  return new WebsocketProvider('ws://guatu.test/sync', 'board-1', new Y.Doc(), {
    connect: false,
    disableBc: true,
    shouldReconnect: (event) => !isFinalClose(event.code),
    WebSocketPolyfill: StandInSocket as unknown as typeof WebSocket,
  })
}

/** The browser globals the sync modules listen to: `online`/`offline` events and `navigator.onLine`. */
export interface StandInBrowser {
  readonly navigator: { onLine: boolean }
  readonly window: EventTarget
  goOffline: () => void
  goOnline: () => void
}

export function standInBrowser(): StandInBrowser {
  const navigator = { onLine: true }
  const window = new EventTarget()
  return {
    navigator,
    window,
    goOffline: () => {
      navigator.onLine = false
      window.dispatchEvent(new Event('offline'))
    },
    goOnline: () => {
      navigator.onLine = true
      window.dispatchEvent(new Event('online'))
    },
  }
}

/**
 * Fake timers, no socket opened yet, and the stand-in window and navigator as globals (the
 * provider and the scheduler read them): the setup of a test of the client's connection handling.
 * Undo with `removeStandInBrowser`.
 */
export function installStandInBrowser(): StandInBrowser {
  vi.useFakeTimers()
  StandInSocket.opened = []
  const browser = standInBrowser()
  vi.stubGlobal('window', browser.window)
  vi.stubGlobal('navigator', browser.navigator)
  return browser
}

export function removeStandInBrowser(): void {
  vi.useRealTimers()
  vi.unstubAllGlobals()
}

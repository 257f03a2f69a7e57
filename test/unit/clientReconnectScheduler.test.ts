import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { RECONNECT_BASE_DELAY_MS, RECONNECT_MAX_DELAY_MS, controlReconnection, reconnectDelayMs } from '../../client/src/sync/reconnectScheduler.ts'
import { StandInSocket, installStandInBrowser, lastSocket, removeStandInBrowser, standInProvider, type StandInBrowser } from '../helpers/standInBoardSocket.ts'

let browser: StandInBrowser
let provider: WebsocketProvider | undefined
let control: { stop: () => void } | undefined
let hookCalls: string[]

function connectBoard() {
  const board = standInProvider()
  provider = board
  control = controlReconnection(board, { onOffline: () => hookCalls.push('offline'), onOnline: () => hookCalls.push('online') })
  board.connect()
  return { board, control }
}

beforeEach(() => {
  hookCalls = []
  browser = installStandInBrowser()
})

afterEach(() => {
  control?.stop()
  provider?.destroy()
  control = undefined
  provider = undefined
  removeStandInBrowser()
  vi.restoreAllMocks()
})

describe('the wait before reconnecting', () => {
  test('the first retry comes within half a second and the window doubles with each failed attempt', () => {
    const longest = () => 0.999_999
    expect(reconnectDelayMs(0, longest)).toBe(RECONNECT_BASE_DELAY_MS - 1)
    expect(reconnectDelayMs(1, longest)).toBe(2 * RECONNECT_BASE_DELAY_MS - 1)
    expect(reconnectDelayMs(3, longest)).toBe(8 * RECONNECT_BASE_DELAY_MS - 1)
  })

  test('a client down for a long time still tries at least twice a minute, however many attempts failed', () => {
    for (const attempts of [6, 16, 40, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(reconnectDelayMs(attempts, () => 0.999_999)).toBe(RECONNECT_MAX_DELAY_MS - 1)
    }
  })

  test('the wait is spread over the whole window, so clients dropped together do not return together', () => {
    expect(reconnectDelayMs(4, () => 0)).toBe(0)
    expect(reconnectDelayMs(4, () => 0.5)).toBe(8 * RECONNECT_BASE_DELAY_MS)
    expect(Number.isInteger(reconnectDelayMs(2, () => 0.123_456))).toBe(true)
  })
})

describe('reconnecting a board', () => {
  test('a dropped connection is opened again within half a second', () => {
    connectBoard()
    lastSocket().accept()
    lastSocket().closeByServer(1006)
    vi.advanceTimersByTime(RECONNECT_BASE_DELAY_MS)
    expect(StandInSocket.opened).toHaveLength(2)
  })

  test('while the server keeps refusing, each wait doubles, and a synced connection starts again from half a second', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999)
    const { board } = connectBoard()
    for (const wait of [499, 999, 1_999]) {
      const before = StandInSocket.opened.length
      lastSocket().closeByServer(1006)
      vi.advanceTimersByTime(wait - 1)
      expect(StandInSocket.opened).toHaveLength(before)
      vi.advanceTimersByTime(1)
      expect(StandInSocket.opened).toHaveLength(before + 1)
    }
    lastSocket().accept()
    board.synced = true
    lastSocket().closeByServer(CloseCode.serverRestart)
    vi.advanceTimersByTime(499)
    expect(StandInSocket.opened).toHaveLength(5)
  })

  test("y-websocket's own quicker retry does not open a second socket beside the scheduled one", () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999)
    connectBoard()
    lastSocket().closeByServer(1006)
    vi.advanceTimersByTime(RECONNECT_BASE_DELAY_MS - 2)
    expect(StandInSocket.opened).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(StandInSocket.opened).toHaveLength(2)
  })

  test.each([
    ['an expired session', CloseCode.unauthorized],
    ['a board taken away', CloseCode.forbidden],
    ['a deleted board', CloseCode.boardNotFound],
  ])('after %s no further attempt is made', (_what, code) => {
    connectBoard()
    lastSocket().accept()
    lastSocket().closeByServer(code)
    vi.advanceTimersByTime(5 * 60_000)
    expect(StandInSocket.opened).toHaveLength(1)
  })

  test('after the session expired, the network coming back does not reopen the board', () => {
    connectBoard()
    lastSocket().accept()
    lastSocket().closeByServer(CloseCode.unauthorized)
    browser.goOffline()
    browser.goOnline()
    vi.advanceTimersByTime(5 * 60_000)
    expect(StandInSocket.opened).toHaveLength(1)
  })

  test('a connection closed for too many messages is retried', () => {
    connectBoard()
    lastSocket().accept()
    lastSocket().closeByServer(CloseCode.rateLimited)
    vi.advanceTimersByTime(RECONNECT_BASE_DELAY_MS)
    expect(StandInSocket.opened).toHaveLength(2)
  })

  test('going offline closes the socket at once and nothing is tried until the browser is back online', () => {
    connectBoard()
    lastSocket().accept()
    browser.goOffline()
    expect(hookCalls).toEqual(['offline'])
    expect(lastSocket().closedByClient).toBe(true)
    vi.advanceTimersByTime(5 * 60_000)
    expect(StandInSocket.opened).toHaveLength(1)
    browser.goOnline()
    expect(hookCalls).toEqual(['offline', 'online'])
    vi.advanceTimersByTime(RECONNECT_BASE_DELAY_MS)
    expect(StandInSocket.opened).toHaveLength(2)
  })

  test('a retry already scheduled when the network drops does not fire while offline', () => {
    connectBoard()
    lastSocket().closeByServer(1006)
    browser.goOffline()
    vi.advanceTimersByTime(5 * 60_000)
    expect(StandInSocket.opened).toHaveLength(1)
  })

  test('a board opened while the browser is offline reports offline at once', () => {
    browser.navigator.onLine = false
    connectBoard()
    expect(hookCalls).toEqual(['offline'])
  })

  test('a retry pending when the board is closed never opens a socket', () => {
    const { control } = connectBoard()
    lastSocket().closeByServer(1006)
    control.stop()
    vi.advanceTimersByTime(5 * 60_000)
    expect(StandInSocket.opened).toHaveLength(1)
  })
})

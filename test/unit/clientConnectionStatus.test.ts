import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { CONNECTION_STATE_LABEL, ConnectionState, watchConnectionStatus } from '../../client/src/sync/connectionStatus.ts'
import { installStandInBrowser, lastSocket, removeStandInBrowser, standInProvider, type StandInBrowser } from '../helpers/standInBoardSocket.ts'

let browser: StandInBrowser
let provider: WebsocketProvider | undefined
let watcher: ReturnType<typeof watchConnectionStatus> | undefined

function watchBoard() {
  const board = standInProvider()
  const status = watchConnectionStatus(board)
  provider = board
  watcher = status
  board.connect()
  return { board, status }
}

beforeEach(() => {
  browser = installStandInBrowser()
})

afterEach(() => {
  watcher?.stop()
  provider?.destroy()
  watcher = undefined
  provider = undefined
  removeStandInBrowser()
})

describe('the connection indicator', () => {
  test('a board opening for the first time reads 正在连接…, then 已连接, and is synced once the server copy arrived', () => {
    const { board, status } = watchBoard()
    expect(status.get()).toEqual({ state: ConnectionState.connecting, synced: false })
    expect(CONNECTION_STATE_LABEL[status.get().state]).toBe('正在连接…')
    lastSocket().accept()
    expect(status.get()).toEqual({ state: ConnectionState.connected, synced: false })
    board.synced = true
    expect(status.get()).toEqual({ state: ConnectionState.connected, synced: true })
    expect(CONNECTION_STATE_LABEL[status.get().state]).toBe('已连接')
  })

  test('a connection lost after it once worked reads 正在重连…, not 正在连接…, and shows no server message', () => {
    const { board, status } = watchBoard()
    lastSocket().accept()
    board.synced = true
    lastSocket().closeByServer(1006)
    expect(status.get()).toEqual({ state: ConnectionState.reconnecting, synced: false })
    expect(CONNECTION_STATE_LABEL[status.get().state]).toBe('正在重连…')
  })

  test("an expired session shows the server's reason and stays offline for good", () => {
    const { status } = watchBoard()
    lastSocket().accept()
    lastSocket().closeByServer(CloseCode.unauthorized, '会话已达最长时限，请重新登录')
    expect(status.get()).toEqual({
      state: ConnectionState.offline,
      synced: false,
      closedReason: '会话已达最长时限，请重新登录',
      closedCode: CloseCode.unauthorized,
      closedForGood: true,
    })
  })

  test('a close for too many messages is explained but the board keeps reconnecting, and the message goes once connected again', () => {
    const { status } = watchBoard()
    lastSocket().accept()
    lastSocket().closeByServer(CloseCode.rateLimited)
    expect(status.get()).toMatchObject({
      state: ConnectionState.reconnecting,
      closedReason: '操作或连接过于频繁，稍后自动重连',
      closedForGood: false,
    })
    vi.advanceTimersByTime(1_000)
    lastSocket().accept()
    expect(status.get()).toEqual({ state: ConnectionState.connected, synced: false })
  })

  test('the browser going offline reads 离线 at once, before the socket notices, and online restores the socket state', () => {
    const { board, status } = watchBoard()
    lastSocket().accept()
    board.synced = true
    browser.goOffline()
    expect(status.get()).toEqual({ state: ConnectionState.offline, synced: false })
    browser.goOnline()
    expect(status.get()).toEqual({ state: ConnectionState.connected, synced: true })
  })

  test('listeners hear only real changes, so the header does not re-render for a repeated status', () => {
    const { board, status } = watchBoard()
    let heard = 0
    status.subscribe(() => heard++)
    lastSocket().accept()
    const afterConnect = heard
    board.emit('status', [{ status: 'connected' }])
    browser.window.dispatchEvent(new Event('online'))
    expect(heard).toBe(afterConnect)
    expect(afterConnect).toBe(1)
  })

  test('a stopped watcher no longer follows the socket', () => {
    const { status } = watchBoard()
    status.stop()
    lastSocket().accept()
    browser.goOffline()
    expect(status.get()).toEqual({ state: ConnectionState.connecting, synced: false })
  })
})

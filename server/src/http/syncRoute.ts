import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { CloseCode, SyncParam } from '@guatu/shared/sync/protocol'
import type { Logger } from '../log.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import { Connection } from '../sync/connection.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { SyncSocket } from '../sync/socket.ts'

/**
 * The websocket upgrade for `/sync/:boardId`, speaking the standard y-websocket protocol. This is
 * the only place that knows the socket comes from Hono and `ws`.
 */
export function syncHandler(
  upgradeWebSocket: UpgradeWebSocket<WebSocket>,
  rooms: RoomRegistry,
  commits: CommitQueue,
  log: Logger,
) {
  return upgradeWebSocket((c) => {
    const boardId = c.req.param('boardId') ?? ''
    const wantsAcks = c.req.query(SyncParam.acks) === '1'
    let connection: Connection | undefined
    return {
      onOpen(_event, ws) {
        const socket = adaptSocket(ws)
        const opened = new Connection(socket, boardId, wantsAcks, log, (work) => commits.dispatch(work))
        connection = opened
        rooms.open(boardId).then(
          (room) => {
            if (room) opened.attach(room)
            else opened.close(CloseCode.boardNotFound, '看板不存在')
          },
          (error: unknown) => {
            log.error('board load failed', { boardId, error: String(error) })
            opened.close(1011, '看板加载失败')
          },
        )
      },
      onMessage(event) {
        if (!(event.data instanceof ArrayBuffer)) {
          connection?.close(CloseCode.protocolError, '只接受二进制同步消息')
          return
        }
        connection?.receive(new Uint8Array(event.data))
      },
      onClose() {
        connection?.detach()
      },
      onError() {
        connection?.detach()
      },
    }
  })
}

function adaptSocket(ws: WSContext<WebSocket>): SyncSocket {
  const raw = ws.raw
  if (!raw) throw new Error('websocket without underlying socket')
  return {
    send: (message) => raw.send(message),
    close: (code, reason) => raw.close(code, reason),
    get bufferedAmount() {
      return raw.bufferedAmount
    },
  }
}

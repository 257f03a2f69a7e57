import * as ws from 'ws'
import { WebSocket } from 'ws'
import type { SharedMessage } from '../sync/socket.ts'

/** ws's sender, as far as sending a ready-made frame needs it (ws 8; see sendShared). */
interface FrameSender {
  _state: number
  _queue: unknown[]
  sendFrame(list: Buffer[]): void
}

/**
 * Sends messages framed once for every socket that gets them, in one write. `ws.send` frames per
 * call (a header buffer, cork, two writes, uncork); a broadcast to 300 clients would build the same
 * frame 300 times. ws exports `Sender.frame` for exactly this; writing the frames goes through the
 * socket's own sender, and only while that sender is idle (nothing queued) and the socket did not
 * negotiate compression, so frames never overtake each other. Otherwise it falls back to `ws.send`.
 */
export function sendShared(socket: WebSocket, message: SharedMessage, compressed: boolean): void {
  const sender = (socket as unknown as { _sender?: FrameSender })._sender
  if (compressed || socket.readyState !== WebSocket.OPEN || !isIdleSender(sender)) {
    for (const data of message.messages) socket.send(data)
    return
  }
  message.prepared ??= Buffer.concat(message.messages.flatMap(frameBinary))
  sender.sendFrame([message.prepared as Buffer])
}

function isIdleSender(sender: FrameSender | undefined): sender is FrameSender {
  return sender !== undefined && sender._state === 0 && sender._queue.length === 0 && typeof sender.sendFrame === 'function'
}

/** ws's exported framing function (not in @types/ws). */
type FrameFunction = (data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }) => Buffer[]
const frame = (ws as unknown as { Sender: { frame: FrameFunction } }).Sender.frame

/** An unmasked, final binary frame (server to client) as its header and payload. */
function frameBinary(data: Uint8Array): Buffer[] {
  const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return frame(payload, { fin: true, rsv1: false, opcode: 0x02, mask: false, readOnly: false })
}

/** One binary message sent as consecutive fragments, so large parts are never concatenated. */
export function sendParts(socket: WebSocket, parts: readonly Uint8Array[], onSent?: () => void): void {
  parts.forEach((part, index) => {
    const last = index === parts.length - 1
    socket.send(part, { binary: true, fin: last }, last && onSent ? () => onSent() : undefined)
  })
}

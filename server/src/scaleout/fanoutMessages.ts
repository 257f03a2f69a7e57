import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import { REVOCATION_CAUSES } from '../accounts/credentialRevocation.ts'
import type { AppendedSeqs } from '../storage/boardStorage.ts'

/** What travels on a board's channel between server processes. */
export const FanoutKind = {
  /** A stored update: its place in the board's log and its bytes (the fast path). */
  update: 1,
  /** A y-protocols awareness update (presence); losing one is harmless. */
  awareness: 2,
} as const
export type FanoutKind = (typeof FanoutKind)[keyof typeof FanoutKind]

export type FanoutMessage =
  | { kind: typeof FanoutKind.update; senderId: string; seqs: AppendedSeqs; publishedAt: number; update: Uint8Array }
  | { kind: typeof FanoutKind.awareness; senderId: string; awarenessUpdate: Uint8Array }

export function boardChannel(boardId: string): string {
  return `guatu:board:${boardId}`
}

export const CONTROL_CHANNEL = 'guatu:control'

/** Access changes every process must act on: the connections may be on any of them. */
export const controlMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('revoke'),
    senderId: z.string(),
    /** Each process answers with a revoke-ack carrying this id once it has closed the sockets. */
    requestId: z.string(),
    revocation: z.discriminatedUnion('scope', [
      z.object({
        scope: z.literal('credential'),
        credential: z.templateLiteral([z.enum(['session', 'api-token', 'screen']), ':', z.string()]),
        cause: z.enum(REVOCATION_CAUSES),
      }),
      z.object({ scope: z.literal('user'), userId: z.string(), cause: z.enum(REVOCATION_CAUSES) }),
    ]),
  }),
  z.object({ kind: z.literal('revoke-screen-link'), senderId: z.string(), linkId: z.string() }),
  z.object({ kind: z.literal('revoke-ack'), senderId: z.string(), requestId: z.string() }),
])
export type ControlMessage = z.infer<typeof controlMessageSchema>
/** A control message before the publisher stamps it with its process id. */
export type ControlPayload = ControlMessage extends infer Message ? (Message extends unknown ? Omit<Message, 'senderId'> : never) : never

export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, message.kind)
  encoding.writeVarString(encoder, message.senderId)
  if (message.kind === FanoutKind.update) {
    encoding.writeVarUint(encoder, message.seqs.previousSeq)
    encoding.writeVarUint(encoder, message.seqs.lastSeq)
    encoding.writeFloat64(encoder, message.publishedAt)
    encoding.writeVarUint8Array(encoder, message.update)
  } else {
    encoding.writeVarUint8Array(encoder, message.awarenessUpdate)
  }
  return encoding.toUint8Array(encoder)
}

/** Decodes a channel message; throws on anything malformed (the caller drops it). */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage {
  const decoder = decoding.createDecoder(bytes)
  const kind = decoding.readVarUint(decoder)
  const senderId = decoding.readVarString(decoder)
  switch (kind) {
    case FanoutKind.update: {
      const previousSeq = decoding.readVarUint(decoder)
      const lastSeq = decoding.readVarUint(decoder)
      const publishedAt = decoding.readFloat64(decoder)
      return { kind, senderId, seqs: { previousSeq, lastSeq }, publishedAt, update: decoding.readVarUint8Array(decoder) }
    }
    case FanoutKind.awareness:
      return { kind, senderId, awarenessUpdate: decoding.readVarUint8Array(decoder) }
    default:
      throw new Error(`unknown fan-out message kind ${kind}`)
  }
}

/** The little the sync layer needs of a websocket, so it stays independent of the HTTP framework. */
export interface SyncSocket {
  send(message: Uint8Array): void
  /** Sends a message that goes to many sockets; the transport may prepare it once for all of them. */
  sendShared(message: SharedMessage): void
  /**
   * Sends one message given in parts (a header and a large body), without joining them. `onSent`
   * runs once it is written to the network (or failed to be).
   */
  sendParts(parts: readonly Uint8Array[], onSent?: () => void): void
  close(code: number, reason: string): void
  /** Bytes queued but not yet written to the network: a slow reader shows here first. */
  readonly bufferedAmount: number
}

/**
 * Messages for many connections of a board, sent in order. Fan-out costs a system call per
 * connection; the transport frames them once (`prepared`) instead of once per connection, and
 * writes several together. Several moves committed together go out as several messages in one
 * write: cheaper than merging their updates into one, and each client still applies them in order.
 */
export class SharedMessage {
  /** The transport's own encoding of `messages` (websocket frames), made by the first socket that sends it. */
  prepared: unknown

  constructor(readonly messages: readonly Uint8Array[]) {}
}

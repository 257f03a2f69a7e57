/** The little the sync layer needs of a websocket, so it stays independent of the HTTP framework. */
export interface SyncSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes queued but not yet written to the network: a slow reader shows here first. */
  readonly bufferedAmount: number
}

import type { Principal } from '@guatu/shared/domain/principal'
import type { TransactionOrigin } from './origin.ts'
import type { BroadcastMember } from './roomBroadcast.ts'
import type { HoldingMember } from './heldUpdates.ts'
import type { PresenceMember } from './roomPresence.ts'

/**
 * What a board room needs of a client connection, declared on the room's side (with the parts its modules declare) so
 * the room does not know the Connection class (connection.ts), which decodes the wire and calls
 * into the room.
 */
export interface RoomConnection extends PresenceMember, BroadcastMember, HoldingMember {
  /** Who authenticated this socket at the upgrade; every update is judged against it. */
  readonly principal: Principal
  readonly origin: TransactionOrigin
  markCaughtUp(): void
  /** Counts a refusal; true when the connection has been refused too often and must go. */
  noteRefusal(nowMs?: number): boolean
  sendParts(parts: readonly Uint8Array[], onSent?: () => void): void
  rejectUpdate(reason: string): void
  close(code: number, reason: string): void
}

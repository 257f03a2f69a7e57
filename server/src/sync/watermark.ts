import type { AppendedSeqs } from '../storage/boardStorage.ts'

/** Where a batch another process stored lies against what this room has. */
export const RemotePlacement = {
  /** Already in the document (or older): nothing to do. */
  stale: 'stale',
  /** Follows the watermark exactly: apply it. */
  next: 'next',
  /** Something stored between the watermark and the batch is missing here: read it back. */
  gap: 'gap',
} as const
export type RemotePlacement = (typeof RemotePlacement)[keyof typeof RemotePlacement]

/**
 * Every stored update with a sequence number up to `applied` is in the room's document (it may
 * hold later ones too). Advanced only when that stays true, so a read of `seq > applied` always
 * closes every gap; each method says when it did not advance, and the room then catches up.
 */
export class Watermark {
  private seq = 0

  get applied(): number {
    return this.seq
  }

  /** The document was built from storage read up to `lastSeq`. */
  loaded(lastSeq: number): void {
    this.seq = lastSeq
  }

  /** Where another process's batch stored as `seqs` stands against the document. */
  place(seqs: AppendedSeqs): RemotePlacement {
    if (seqs.lastSeq <= this.seq) return RemotePlacement.stale
    return seqs.previousSeq === this.seq ? RemotePlacement.next : RemotePlacement.gap
  }

  /** A batch placed `next` is in the document now. */
  appliedRemote(seqs: AppendedSeqs): void {
    this.seq = seqs.lastSeq
  }

  /**
   * This room's own batch is durable as `seqs`. False when another process's updates lie between
   * the watermark and it: the watermark stays, and a catch-up reads them (and this batch again,
   * which Yjs ignores).
   */
  persisted(seqs: AppendedSeqs): boolean {
    if (seqs.previousSeq > this.seq) return false
    this.seq = Math.max(this.seq, seqs.lastSeq)
    return true
  }

  /** Everything storage held up to `lastSeq` was read into the document. */
  caughtUpTo(lastSeq: number): void {
    this.seq = Math.max(this.seq, lastSeq)
  }
}

import * as Y from 'yjs'
import { plainOverwriteEffects } from './plainOverwrites.ts'
import type { UpdateEffect } from './updateEffects.ts'

/**
 * What an update needs before it can be judged: each client's history in the board must reach at
 * least the clock in `clocks`, and (in a cluster) the owner of each client in `owners` must be known,
 * as another process may have recorded it. An update that needs either is held (for writers) and
 * looked at again only once the board has everything listed.
 */
export interface HistoryNeeds {
  clocks: Map<number, number>
  owners: Set<number>
}

export function noNeeds(): HistoryNeeds {
  return { clocks: new Map(), owners: new Set() }
}

/** Adds what `more` needs to `needs`. */
export function addNeeds(needs: HistoryNeeds, more: HistoryNeeds): void {
  for (const [client, clock] of more.clocks) needs.clocks.set(client, Math.max(clock, needs.clocks.get(client) ?? 0))
  for (const client of more.owners) needs.owners.add(client)
}

/** Who wrote under a Yjs client id (see ClientOwners); `undefined` when the board has no record of it. */
export type OwnerOf = (clientId: number) => string | undefined

export interface PreflightContext {
  /** The authenticated sender's principal id. */
  principalId: string
  /** Why the sender may not write at all (a viewer, a screen link); undefined for writers. */
  readOnly: string | undefined
  owners: OwnerOf
  /**
   * With other processes on the same board, history this process has not read yet may be in
   * storage: structs of another client, or of a client whose owner another process recorded, are
   * then held until it is read, not refused outright. False after such a read: then they are refused.
   */
  clustered: boolean
}

export type Preflight =
  /** Nothing the board lacks: no struct or deletion would change it. Not stored, not forwarded. */
  | { kind: 'noop' }
  /**
   * Ready for judgement; `newClients` are client ids this update introduces to the board. `direct`:
   * the effects, when Yjs's integration leaves no choice about them (see plainOverwriteEffects).
   */
  | { kind: 'ready'; newClients: number[]; bytes: number; direct: UpdateEffect[] | undefined }
  | { kind: 'gap'; needs: HistoryNeeds; reason: string }
  | { kind: 'refused'; reason: string }

/** Largest single value (one field, one setting) an update may carry, in UTF-8 bytes of its text. */
export const MAX_VALUE_BYTES = 64 * 1024
/** Values nest no deeper than this (settings are the deepest: targets by stage). */
const MAX_VALUE_DEPTH = 6

const GAP_REASON = '数据更新不连续，请刷新后重试'

class Refusal extends Error {}

/**
 * The checks made on an update's encoded structs before any document integrates it: it must parse;
 * a read-only sender may change nothing; every struct it adds must be under a client id the sender
 * owns (or introduces now), carry only what the board schema can hold (one plain value per field,
 * maps for records), and be complete — no gap before it, no reference to an item the server lacks —
 * since Yjs would otherwise park it as "pending" and integrate it later, unjudged.
 */
export function preflightUpdate(doc: Y.Doc, update: Uint8Array, context: PreflightContext): Preflight {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { kind: 'refused', reason: '无法解析的数据更新' }
  }
  try {
    return new UpdateInspector(doc.store, decoded, context).inspect(update.byteLength)
  } catch (error) {
    if (error instanceof Refusal) return { kind: 'refused', reason: error.message }
    return { kind: 'refused', reason: '数据更新格式错误' }
  }
}

type Struct = Y.Item | Y.GC | Y.Skip

class UpdateInspector {
  /** Structs this update adds (not already in the board), per client, in clock order. */
  private readonly added = new Map<number, Struct[]>()
  private readonly known: Y.Item[] = []
  private readonly needs: HistoryNeeds = noNeeds()

  constructor(
    private readonly store: Y.Doc['store'],
    private readonly decoded: ReturnType<typeof Y.decodeUpdate>,
    private readonly context: PreflightContext,
  ) {
    for (const struct of decoded.structs) {
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) {
        if (struct instanceof Y.Item) this.known.push(struct)
        continue
      }
      const list = this.added.get(struct.id.client) ?? []
      list.push(struct)
      this.added.set(struct.id.client, list)
    }
  }

  inspect(bytes: number): Preflight {
    const deletes = this.deletesSomethingLive()
    if (this.context.readOnly !== undefined) {
      // Read-only means nothing applied: not a struct, not a deletion, not a held update. A stock
      // client's sync reply still carries its whole delete set, which is harmless when it deletes
      // only what is deleted already.
      if (this.added.size > 0 || deletes) throw new Refusal(this.context.readOnly)
      return { kind: 'noop' }
    }
    const newClients = this.checkOwnership()
    this.checkContent()
    this.requireContiguous()
    this.requireReferencesKnown()
    if (this.needs.clocks.size > 0 || this.needs.owners.size > 0) return { kind: 'gap', needs: this.needs, reason: GAP_REASON }
    if (this.added.size === 0 && !deletes) return { kind: 'noop' }
    return { kind: 'ready', newClients, bytes, direct: plainOverwriteEffects(this.store, this.added, this.decoded.ds) }
  }

  /**
   * A struct under a client id belongs to whoever introduced that id to the board: nobody writes,
   * garbage-collects or skips over another's history. In a cluster, another process may hold a
   * change of that client that this one has not read yet (a client that moved over after a crash
   * resends it): then the update waits for that history instead.
   */
  private checkOwnership(): number[] {
    const introduced: number[] = []
    for (const client of this.added.keys()) {
      const owner = this.context.owners(client)
      if (owner === this.context.principalId) continue
      if (owner === undefined && Y.getState(this.store, client) === 0) {
        introduced.push(client)
        continue
      }
      if (!this.context.clustered) throw new Refusal('不能以其他客户端的身份写入数据')
      if (owner === undefined) {
        this.needs.owners.add(client)
        continue
      }
      const structs = this.added.get(client)!
      const last = structs[structs.length - 1]!
      this.need(client, last.id.clock + last.length)
    }
    return introduced
  }

  /** Only what the board schema can hold, and nothing oversized even where it would be overwritten at once. */
  private checkContent(): void {
    for (const structs of this.added.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue
        const content = struct.content
        if (content instanceof Y.ContentDeleted) continue
        if (content instanceof Y.ContentType) {
          if (!(content.type instanceof Y.Map)) throw new Refusal('看板记录只能是映射（Y.Map）')
          continue
        }
        if (!(content instanceof Y.ContentAny)) throw new Refusal('看板字段的数据类型不受支持')
        // Y.Map writes one value per item; several would be hidden values nobody validates.
        if (content.arr.length !== 1) throw new Refusal('一个字段一次只能写入一个值')
        measureValue(content.arr[0])
      }
    }
  }

  /** Each client's new structs must continue exactly where the board's history of it ends. */
  private requireContiguous(): void {
    for (const [client, structs] of this.added) {
      let expected = Y.getState(this.store, client)
      for (const struct of structs) {
        if (struct instanceof Y.Skip || struct.id.clock > expected) {
          this.need(client, struct.id.clock)
          break
        }
        expected = struct.id.clock + struct.length
      }
    }
  }

  /**
   * Yjs parks a struct as "pending" when an item it is placed next to, or inside, is missing, even
   * a struct the board already has; so every reference must be to an item the server has or one this
   * update brings. A struct the board has was integrated with its references present, so one that
   * names a missing item is forged, not early.
   */
  private requireReferencesKnown(): void {
    for (const item of this.known) {
      if (this.missingReference(item) !== undefined) throw new Refusal('数据更新与服务器上的已有数据不一致')
    }
    for (const structs of this.added.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue
        const missing = this.missingReference(struct)
        if (missing) this.need(missing.client, missing.clock + 1)
      }
    }
  }

  private missingReference(item: Y.Item): Y.ID | undefined {
    const parent = item.parent as unknown
    for (const id of [item.origin, item.rightOrigin, parent instanceof Y.ID ? parent : null]) {
      if (id === null) continue
      if (id.client === item.id.client) {
        if (id.clock >= item.id.clock) throw new Refusal('数据项引用了它之后才写入的数据')
        continue
      }
      if (id.clock >= Y.getState(this.store, id.client) && !this.addedReach(id.client, id.clock + 1)) return id
    }
    return undefined
  }

  /**
   * Whether the delete set removes anything still live. Deleting what the server lacks is a gap.
   * Walks only the ranges given, so its cost follows the update, not the board.
   */
  private deletesSomethingLive(): boolean {
    let live = false
    for (const [client, ranges] of this.decoded.ds.clients) {
      const known = Y.getState(this.store, client)
      const structs = this.store.clients.get(client)
      for (const { clock, len } of ranges) {
        const end = clock + len
        if (end > known && !this.addedReach(client, end)) {
          if (this.context.readOnly !== undefined) throw new Refusal(this.context.readOnly)
          this.need(client, end)
        }
        if (live || !structs || clock >= known) continue
        for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
          const struct = structs[index]!
          if (struct.id.clock >= end) break
          if (!struct.deleted) {
            live = true
            break
          }
        }
      }
    }
    return live
  }

  /** Whether this update's own structs reach `to` (they continue the server's history, see requireContiguous). */
  private addedReach(client: number, to: number): boolean {
    const last = this.added.get(client)?.at(-1)
    return last !== undefined && last.id.clock + last.length >= to
  }

  private need(client: number, clock: number): void {
    this.needs.clocks.set(client, Math.max(clock, this.needs.clocks.get(client) ?? 0))
  }
}

/** Walks a value with a budget: deep or large values are refused before anything stringifies them. */
function measureValue(value: unknown): void {
  let bytes = 0
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_VALUE_DEPTH) throw new Refusal('字段值嵌套过深')
    if (typeof node === 'string') bytes += node.length * 3
    else if (Array.isArray(node)) for (const child of node) walk(child, depth + 1)
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        bytes += key.length * 3
        walk(child, depth + 1)
      }
    } else bytes += 8
    if (bytes > MAX_VALUE_BYTES) throw new Refusal(`字段值过大（超过 ${MAX_VALUE_BYTES / 1024} KB）`)
  }
  walk(value, 0)
}

/** Whether the board now has everything `needs` asks for. */
export function needsMet(doc: Y.Doc, owners: OwnerOf, needs: HistoryNeeds): boolean {
  for (const [client, clock] of needs.clocks) if (Y.getState(doc.store, client) < clock) return false
  for (const client of needs.owners) if (owners(client) === undefined) return false
  return true
}

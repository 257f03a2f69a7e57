import * as Y from 'yjs'
import { isRecordCollection, type RecordCollection } from '@guatu/shared/board/boardDoc'
import type { UpdateEffect } from './updateEffects.ts'

type Struct = Y.Item | Y.GC | Y.Skip
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

/**
 * The effects of an update whose integration Yjs leaves no choice about, or undefined when there
 * is any doubt (then the candidate copy decides). Card moves and field edits are of this kind, and
 * they are nearly all the traffic: judging them here spares integrating each one twice.
 *
 * Yjs's outcome is certain when every new struct is a single plain value that either follows the
 * current last item of one key of a live record (its whole last clock, nothing to its right) or
 * starts a key the record does not have, no two of them touch the same key, and the delete set
 * removes only the overwritten items or what is deleted already. Integration then has no
 * concurrent item to order against: each becomes its key's value (deleting the one it follows),
 * one `setField` each.
 */
export function plainOverwriteEffects(store: Y.Doc['store'], added: ReadonlyMap<number, readonly Struct[]>, ds: DeleteSet): UpdateEffect[] | undefined {
  const effects: UpdateEffect[] = []
  const overwritten = new Set<Y.Item>()
  const touched = new Set<string>()
  for (const structs of added.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny) || struct.content.arr.length !== 1) return undefined
      // A struct overlapping known clocks is integrated from an offset, with another origin.
      if (struct.id.clock < Y.getState(store, struct.id.client)) return undefined
      if (struct.rightOrigin !== null) return undefined
      const target = struct.origin === null ? firstValueTarget(store, struct) : overwriteTarget(store, struct.origin)
      if (!target || touched.has(target.key)) return undefined
      touched.add(target.key)
      if (target.overwritten) overwritten.add(target.overwritten)
      effects.push({ kind: 'setField', collection: target.collection, id: target.id, field: target.field, value: struct.content.arr[0] })
    }
  }
  return deletesOnly(store, ds, overwritten) ? effects : undefined
}

interface Target {
  collection: RecordCollection
  id: string
  field: string
  /** "collection/id/field", so that no two items of the update touch the same key. */
  key: string
  overwritten?: Y.Item
}

/** An item placed right after `originId`, which must be the whole last item of a key of a live record. */
function overwriteTarget(store: Y.Doc['store'], originId: Y.ID): Target | undefined {
  if (originId.clock >= Y.getState(store, originId.client)) return undefined
  const origin = Y.getItem(store, originId) as Y.Item | Y.GC
  if (!(origin instanceof Y.Item) || origin.right !== null || origin.parentSub === null) return undefined
  if (origin.id.clock + origin.length - 1 !== originId.clock) return undefined
  const record = recordOf(origin.parent as Y.AbstractType<unknown>)
  return record && { ...record, field: origin.parentSub, key: `${record.collection}/${record.id}/${origin.parentSub}`, overwritten: origin }
}

/** An item with no neighbours, named by its record's id and key: a key the record does not have yet. */
function firstValueTarget(store: Y.Doc['store'], struct: Y.Item): Target | undefined {
  const parent = struct.parent as unknown
  if (!(parent instanceof Y.ID) || struct.parentSub === null || parent.clock >= Y.getState(store, parent.client)) return undefined
  const holder = Y.getItem(store, parent) as Y.Item | Y.GC
  if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType) || !(holder.content.type instanceof Y.Map)) return undefined
  const map = holder.content.type as Y.Map<unknown>
  if (map._map.has(struct.parentSub)) return undefined
  const record = recordOf(map as unknown as Y.AbstractType<unknown>)
  return record && { ...record, field: struct.parentSub, key: `${record.collection}/${record.id}/${struct.parentSub}` }
}

/** The live record a map is, in a record collection. */
function recordOf(type: Y.AbstractType<unknown>): { collection: RecordCollection; id: string } | undefined {
  const record = type._item
  if (record === null || record.deleted || record.parentSub === null) return undefined
  const collectionType = record.parent as Y.AbstractType<unknown>
  if (collectionType._item !== null) return undefined
  const collection = Y.findRootTypeKey(collectionType)
  return isRecordCollection(collection) ? { collection, id: record.parentSub } : undefined
}

/** Whether the delete set removes nothing but `allowed` items and what is deleted already. */
function deletesOnly(store: Y.Doc['store'], ds: DeleteSet, allowed: ReadonlySet<Y.Item>): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = store.clients.get(client)
    for (const { clock, len } of ranges) {
      const end = clock + len
      if (!structs || end > Y.getState(store, client)) return false
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index]!
        if (struct.id.clock >= end) break
        if (struct.deleted) continue
        // The whole item, not a part of it: a partial delete would split it.
        if (!(struct instanceof Y.Item) || !allowed.has(struct) || struct.id.clock < clock || struct.id.clock + struct.length > end) return false
      }
    }
  }
  return true
}

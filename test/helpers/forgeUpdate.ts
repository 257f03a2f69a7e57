import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** A range of clocks of one client to delete. */
export interface DeleteRange {
  client: number
  clock: number
  len: number
}

/**
 * Encodes structs and a delete set into a Yjs update by hand (format V1), exactly as given: what a
 * hostile client can put on the wire, which no Y.Doc would produce. The structs of each client
 * must be contiguous; they are written in the order given.
 */
export function encodeForgedUpdate(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, deletes: readonly DeleteRange[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock)
    for (const struct of list) struct.write(encoder, 0)
  }
  const dsByClient = new Map<number, DeleteRange[]>()
  for (const range of deletes) dsByClient.set(range.client, [...(dsByClient.get(range.client) ?? []), range])
  encoding.writeVarUint(encoder.restEncoder, dsByClient.size)
  for (const [client, ranges] of dsByClient) {
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoder.writeDsClock(range.clock)
      encoder.writeDsLen(range.len)
    }
  }
  return encoder.toUint8Array()
}

/** A map item as the wire carries it: with an origin the parent is left out and Yjs infers it. */
export function forgedItem(options: {
  client: number
  clock: number
  value: unknown
  /** The item it follows (its parent then comes from this item). */
  origin?: Y.ID
  rightOrigin?: Y.ID
  /** Required when there is no origin: a root name or the id of the item holding the map. */
  parent?: string | Y.ID
  key?: string
  values?: unknown[]
}): Y.Item {
  const content = new Y.ContentAny(options.values ?? [options.value])
  return new Y.Item(
    Y.createID(options.client, options.clock),
    null,
    options.origin ?? null,
    null,
    options.rightOrigin ?? null,
    // The encoder writes a parent only for items without origins; it reads these two fields then.
    (options.parent ?? null) as unknown as Y.AbstractType<unknown>,
    options.key ?? null,
    content,
  )
}

/** The item currently holding `key` of the map held by record `id` in root `collection`. */
export function currentItem(doc: Y.Doc, collection: string, id: string, key: string): Y.Item {
  const record = doc.getMap<Y.Map<unknown>>(collection).get(id)
  const item = record?._map.get(key)
  if (!item) throw new Error(`no ${collection}/${id}/${key} in the document`)
  return item
}

/** The id of the item that holds record `id` of `collection` (the record map's own item). */
export function recordItemId(doc: Y.Doc, collection: string, id: string): Y.ID {
  const record = doc.getMap<Y.Map<unknown>>(collection).get(id)
  if (!record?._item) throw new Error(`no record ${collection}/${id}`)
  return record._item.id
}

/** A fresh client id that no document of the test has used. */
export function freshClientId(): number {
  return Math.floor(Math.random() * 0x3fffffff) + 1
}

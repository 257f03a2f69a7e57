import * as Y from 'yjs'
import { BoardRoot, isRecordCollection, type RecordCollection } from '@guatu/shared/board/boardDoc'

/**
 * What an incoming Yjs update would do to a board, worked out from the encoded structs without
 * applying it. The server decides on these effects before anything else sees the update.
 */
export type UpdateEffect =
  | { kind: 'createRecord'; collection: RecordCollection; id: string }
  | { kind: 'deleteRecord'; collection: RecordCollection; id: string }
  | { kind: 'setField'; collection: RecordCollection; id: string; field: string; value: unknown }
  | { kind: 'clearField'; collection: RecordCollection; id: string; field: string }

/** A change to a board-wide setting in the `meta` root (targets, thresholds). */
export type SettingEffect = { kind: 'setSetting'; key: string; value: unknown } | { kind: 'clearSetting'; key: string }

/**
 * `gap` marks an update that needs history the server does not have yet: it continues its sender's
 * history past what the server has (a stock y-websocket client sends fresh edits before the
 * SyncStep2 that carries its offline ones), or it builds on or deletes items the server has not
 * received (with several processes, a client that moved over from a crashed one holds changes the
 * new one may not have read from storage yet). Such an update is held back until the missing part
 * arrives, not refused.
 */
export type UpdateAnalysis = { ok: true; effects: UpdateEffect[]; settings: SettingEffect[] } | { ok: false; reason: string; gap?: true }

/** Where a struct sits in the board document: a collection's entry, or a field of one record. */
type Location =
  | { kind: 'setting'; key: string }
  | { kind: 'entry'; collection: RecordCollection; key: string }
  | { kind: 'field'; collection: RecordCollection; id: string; field: string }
  | { kind: 'detached' }

/** A type that a struct can be a child of: a collection's root map, or one record's map. */
type Container =
  | { kind: 'settings' }
  | { kind: 'collection'; collection: RecordCollection }
  | { kind: 'record'; collection: RecordCollection; id: string }
  | { kind: 'detached' }

class Rejection extends Error {
  constructor(
    message: string,
    readonly gap = false,
  ) {
    super(message)
  }
}

const GAP_REASON = '数据更新不连续，请刷新后重试'

function reject(reason: string): never {
  throw new Rejection(reason)
}

function missingHistory(): never {
  throw new Rejection(GAP_REASON, true)
}

/** Decodes `update` and describes its effect on `doc`, or explains why it cannot be accepted. */
export function analyzeUpdate(doc: Y.Doc, update: Uint8Array): UpdateAnalysis {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { ok: false, reason: '无法解析的数据更新' }
  }
  try {
    const analyzer = new UpdateAnalyzer(doc, decoded)
    return { ok: true, effects: analyzer.effects(), settings: analyzer.settings() }
  } catch (error) {
    if (error instanceof Rejection) return error.gap ? { ok: false, reason: error.message, gap: true } : { ok: false, reason: error.message }
    return { ok: false, reason: '数据更新格式错误' }
  }
}

class UpdateAnalyzer {
  private readonly store: Y.Doc['store']
  /** Structs of this update the document does not have yet, per client, in clock order. */
  private readonly newStructs = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
  private readonly locations = new Map<Y.Item, Location>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: ReturnType<typeof Y.decodeUpdate>,
  ) {
    this.store = doc.store
    const known: Y.Item[] = []
    for (const struct of decoded.structs) {
      if (struct.id.clock + struct.length <= Y.getState(this.store, struct.id.client)) {
        if (struct instanceof Y.Item) known.push(struct)
        continue
      }
      const list = this.newStructs.get(struct.id.client) ?? []
      list.push(struct)
      this.newStructs.set(struct.id.client, list)
    }
    this.requireContiguous()
    this.requireReferencesKnown(known)
  }

  /**
   * Yjs parks structs that follow a gap as "pending" and would later hand them to new clients, so
   * an update must continue each client's history exactly where the server's copy ends.
   */
  private requireContiguous(): void {
    for (const [client, structs] of this.newStructs) {
      let expected = Y.getState(this.store, client)
      for (const struct of structs) {
        if (struct instanceof Y.Skip || struct.id.clock > expected) missingHistory()
        expected = struct.id.clock + struct.length
      }
    }
  }

  /**
   * Yjs also parks a struct as "pending" when an item it is placed next to, or inside, is missing,
   * even a struct the document already has. Pending structs are stored with the board and sent to
   * new clients, and would be integrated later without these checks: so every reference must be
   * to an item the server has or one this update brings. A struct the server has was integrated
   * with its references present, so one that names a missing item is forged, not early.
   */
  private requireReferencesKnown(known: readonly Y.Item[]): void {
    for (const item of known) {
      if (this.referencesMissing(item)) reject('数据更新与服务器上的已有数据不一致')
    }
    for (const structs of this.newStructs.values()) {
      for (const struct of structs) if (struct instanceof Y.Item && this.referencesMissing(struct)) missingHistory()
    }
  }

  private referencesMissing(item: Y.Item): boolean {
    const parent = item.parent as unknown
    return (
      this.isMissing(item, item.origin) || this.isMissing(item, item.rightOrigin) || (parent instanceof Y.ID && this.isMissing(item, parent))
    )
  }

  /** A reference to the item's own client must point back in its history; others to what exists. */
  private isMissing(item: Y.Item, id: Y.ID | null): boolean {
    if (id === null) return false
    if (id.client === item.id.client) {
      if (id.clock >= item.id.clock) reject('数据项引用了它之后才写入的数据')
      return false
    }
    return id.clock >= Y.getState(this.store, id.client) && !this.newStructsReach(id.client, id.clock + 1)
  }

  effects(): UpdateEffect[] {
    const effects: UpdateEffect[] = []
    const written = new Map<string, { collection: RecordCollection; id: string; field: string; live: Y.Item[] }>()
    const deletedHere = (item: Y.Item) => Y.isDeleted(this.decoded.ds, item.id)
    for (const structs of this.newStructs.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue
        const location = this.locate(struct)
        if (location.kind === 'detached' || location.kind === 'setting') continue
        if (location.kind === 'entry') {
          effects.push(entryEffect(location.collection, location.key, struct, deletedHere(struct)))
          continue
        }
        const key = fieldKey(location.collection, location.id, location.field)
        const entry = written.get(key) ?? { collection: location.collection, id: location.id, field: location.field, live: [] }
        written.set(key, entry)
        if (!(struct.content instanceof Y.ContentDeleted) && !deletedHere(struct)) entry.live.push(struct)
      }
    }
    // Offline sessions send every intermediate value of a field, already overwritten: only values
    // still live at the end of the update matter. With none left, the update clears the field.
    // A value the sender wrote and then saw lose to a concurrent one clears nothing: the winner,
    // already here, stays (a client re-sending its edits after a crash or a move to another process).
    for (const { collection, id, field, live } of written.values()) {
      if (live.length === 0 && !this.keepsCurrentValue(collection, id, field)) effects.push({ kind: 'clearField', collection, id, field })
      for (const item of live) effects.push({ kind: 'setField', collection, id, field, value: fieldValue(field, item) })
    }
    for (const item of this.existingItemsDeleted()) {
      const location = this.locate(item)
      if (location.kind === 'entry') {
        if (item.content instanceof Y.ContentType) effects.push({ kind: 'deleteRecord', collection: location.collection, id: location.key })
      } else if (location.kind === 'field') {
        // A value replaced in the same update is an ordinary edit: only a bare deletion clears the field.
        if (!written.has(fieldKey(location.collection, location.id, location.field))) {
          effects.push({ kind: 'clearField', collection: location.collection, id: location.id, field: location.field })
        }
      }
    }
    return effects
  }

  /** Whether the field has a live value in the document that this update does not delete. */
  private keepsCurrentValue(collection: RecordCollection, id: string, field: string): boolean {
    const record: unknown = this.doc.getMap(collection).get(id)
    if (!(record instanceof Y.Map)) return false
    const current = record._map.get(field)
    return current !== undefined && !current.deleted && !Y.isDeleted(this.decoded.ds, current.id)
  }

  /** Settings written or removed by this update; the last live value of a key wins, as in Y.Map. */
  settings(): SettingEffect[] {
    const live = new Map<string, unknown>()
    const touched = new Set<string>()
    for (const structs of this.newStructs.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue
        const location = this.locate(struct)
        if (location.kind !== 'setting') continue
        touched.add(location.key)
        if (!(struct.content instanceof Y.ContentDeleted) && !Y.isDeleted(this.decoded.ds, struct.id)) live.set(location.key, fieldValue(location.key, struct))
      }
    }
    for (const item of this.existingItemsDeleted()) {
      const location = this.locate(item)
      if (location.kind === 'setting') touched.add(location.key)
    }
    return [...touched].map((key) => (live.has(key) ? { kind: 'setSetting', key, value: live.get(key) } : { kind: 'clearSetting', key }))
  }

  /** Items already in the document that this update deletes. */
  private *existingItemsDeleted(): Generator<Y.Item> {
    for (const [client, ranges] of this.decoded.ds.clients) {
      const known = Y.getState(this.store, client)
      const structs = this.store.clients.get(client)
      for (const { clock, len } of ranges) {
        const end = clock + len
        if (end > known && !this.newStructsReach(client, end)) missingHistory()
        if (!structs || clock >= known) continue
        for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
          const struct = structs[index]
          if (!struct || struct.id.clock >= end) break
          if (struct instanceof Y.Item && !struct.deleted) yield struct
        }
      }
    }
  }

  /**
   * Whether this update's own structs reach `to`. They continue the client's history from the
   * server's state without gaps (requireContiguous), so that is where the last one ends: constant
   * time, where a walk per deleted range would be quadratic in a large update.
   */
  private newStructsReach(client: number, to: number): boolean {
    const last = this.newStructs.get(client)?.at(-1)
    return last !== undefined && last.id.clock + last.length >= to
  }

  /** Where an item lives: resolved from its parent, or (when the encoding omits it) from its origins. */
  private locate(item: Y.Item): Location {
    const cached = this.locations.get(item)
    if (cached) return cached
    let location: Location
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      location = this.inContainer(rootContainer(parent), item.parentSub)
    } else if (parent instanceof Y.ID) {
      location = this.inContainer(this.containerOfTypeItem(parent), item.parentSub)
    } else if (parent !== null && parent !== undefined) {
      location = this.locationOfIntegrated(item)
    } else {
      const neighbour = item.origin ?? item.rightOrigin
      if (!neighbour) reject('数据项缺少父级信息')
      const found = this.findStruct(neighbour)
      location = found instanceof Y.Item ? this.locate(found) : { kind: 'detached' }
    }
    this.locations.set(item, location)
    return location
  }

  private inContainer(container: Container, key: string | null): Location {
    if (container.kind === 'detached') return container
    if (key === null) reject('看板数据只能按键写入，不能写成列表')
    if (container.kind === 'settings') return { kind: 'setting', key }
    if (container.kind === 'collection') return { kind: 'entry', collection: container.collection, key }
    return { kind: 'field', collection: container.collection, id: container.id, field: key }
  }

  /** The container formed by the Y type held in the item with id `id` (a record's map). */
  private containerOfTypeItem(id: Y.ID): Container {
    const holder = this.findStruct(id)
    if (!(holder instanceof Y.Item)) return { kind: 'detached' }
    const location = this.locate(holder)
    if (location.kind === 'entry') return { kind: 'record', collection: location.collection, id: location.key }
    if (location.kind === 'detached') return location
    return reject(location.kind === 'setting' ? '看板设置不能嵌套其他结构' : '字段不能嵌套其他结构')
  }

  /** An item already integrated in the document knows its parent type directly. */
  private locationOfIntegrated(item: Y.Item): Location {
    const type = item.parent as Y.AbstractType<unknown>
    if (type._item === null) return this.inContainer(rootContainer(Y.findRootTypeKey(type)), item.parentSub)
    return this.inContainer(this.containerOfTypeItem(type._item.id), item.parentSub)
  }

  private findStruct(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Y.Item | Y.GC
    // Binary search: the structs of one client are in clock order, and a large update (an import)
    // looks up tens of thousands of parents among tens of thousands of structs.
    const structs = this.newStructs.get(id.client) ?? []
    let low = 0
    let high = structs.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const struct = structs[middle]!
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return struct
    }
    return missingHistory()
  }
}

function rootContainer(name: string): Container {
  if (isRecordCollection(name)) return { kind: 'collection', collection: name }
  if (name === BoardRoot.meta) return { kind: 'settings' }
  return reject(`未知的数据根：${name}`)
}

function entryEffect(collection: RecordCollection, id: string, item: Y.Item, deleted: boolean): UpdateEffect {
  if (item.content instanceof Y.ContentDeleted || deleted) return { kind: 'deleteRecord', collection, id }
  if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
    reject(`记录 ${id} 必须是一个映射（Y.Map）`)
  }
  return { kind: 'createRecord', collection, id }
}

function fieldValue(field: string, item: Y.Item): unknown {
  if (!(item.content instanceof Y.ContentAny)) reject(`字段 ${field} 的数据类型不受支持`)
  const values = item.content.getContent()
  return values[values.length - 1]
}

function fieldKey(collection: string, id: string, field: string): string {
  return `${collection}\u0000${id}\u0000${field}`
}

/**
 * Looks up the value an update writes to a field, in constant time: policy and history ask for
 * many fields of many records, and an import of 2,000 projects carries some 50,000 effects.
 */
export function writtenValues(effects: readonly UpdateEffect[]): (collection: RecordCollection, id: string, field: string) => unknown {
  const values = new Map<string, unknown>()
  for (const effect of effects) {
    if (effect.kind === 'setField') values.set(fieldKey(effect.collection, effect.id, effect.field), effect.value)
  }
  return (collection, id, field) => values.get(fieldKey(collection, id, field))
}

import * as Y from 'yjs'
import { BoardRoot, isRecordCollection, type RecordCollection } from '@guatu/shared/board/boardDoc'
import { RECORD_SCHEMAS } from '@guatu/shared/board/recordSchemas'
import type { SettingEffect, UpdateEffect } from './updateEffects.ts'

export type Integration = { ok: true; effects: UpdateEffect[]; settings: SettingEffect[]; changed: boolean } | { ok: false; reason: string; gap?: true }

class Refusal extends Error {}

/** A shared type Yjs reports as changed in a transaction. */
type ChangedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never

/**
 * A copy of the live board that an update is integrated into first, so the server decides on what
 * Yjs really does with it — which values win, which are overwritten, where an item lands when its
 * parent is inferred from a neighbour — rather than on what its structs look like decoded. The live
 * board then integrates the same bytes from the same state, with the same result.
 *
 * The copy follows every change of the live board. After a refusal it holds changes the live
 * board will never have, so it is dropped and rebuilt from the live board on the next judgement:
 * that costs a full encode, which is why hostile senders are refused early (preflight) and cut off
 * after repeated refusals (see BoardRoom).
 */
export class CandidateBoard {
  private copy: Y.Doc | undefined
  /** The live board has changes the copy has yet to take (see follow). */
  private behind = false

  constructor(private readonly live: () => Y.Doc) {}

  /** Integrates `update` into the copy and reads what it changed, against the live board's values. */
  integrate(update: Uint8Array): Integration {
    const copy = this.ensureCopy()
    let result: Integration | undefined
    let integrated: Y.Transaction | undefined
    try {
      copy.transact((transaction) => {
        integrated = transaction
        Y.applyUpdate(copy, update)
        // Preflight makes sure nothing is left pending; this is the net under it.
        if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) {
          result = { ok: false, reason: '数据更新不连续，请刷新后重试', gap: true }
          return
        }
        // Read inside the transaction: before its cleanup merges and garbage-collects items.
        result = new EffectReader(this.live(), copy, transaction).read()
      })
    } catch (error) {
      result = { ok: false, reason: error instanceof Refusal ? error.message : '数据更新格式错误' }
    }
    if (!result || !result.ok) {
      this.discard()
      return result ?? { ok: false, reason: '数据更新格式错误' }
    }
    return { ...result, changed: integrated !== undefined && changedAnything(integrated) }
  }

  /** The integrated update will not reach the live board (refused after integration): forget the copy. */
  discard(): void {
    this.copy?.destroy()
    this.copy = undefined
    this.behind = false
  }

  /**
   * A change the live board took without the copy (another process's, a server stamp, a catch-up,
   * a plain overwrite judged directly). Only noted: the copy takes what it lacks from the live
   * board when it is next needed, so card moves cost one integration, not two. The changes
   * themselves are not kept: card moves never need the copy, so a list of them grew for minutes
   * (up to 20,000 updates), each a view pinning the socket read it arrived in, and was then
   * dropped from the old generation at once (docs/benchmarks.md, "The slow garbage").
   */
  follow(): void {
    if (this.copy) this.behind = true
  }

  /** Frees the copy's memory (a board only watched by screens needs none); rebuilt when next needed. */
  release(): void {
    this.discard()
  }

  private ensureCopy(): Y.Doc {
    if (this.copy && this.behind) {
      // Everything the copy lacks, from its state vector: the live board's newer structs and its
      // delete set (the same diff a reconnecting client gets as SyncStep2).
      Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.live(), Y.encodeStateVector(this.copy)))
      this.behind = false
    }
    if (!this.copy) {
      const copy = new Y.Doc({ gc: true })
      // Typed roots from the start: typing one later replaces its object, and the transaction
      // would then name a type the document no longer knows.
      for (const root of Object.values(BoardRoot)) copy.getMap(root)
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.live()))
      this.copy = copy
    }
    return this.copy
  }
}

/**
 * Reads an integration's effects from its transaction: every map key Yjs touched (Yjs lists each
 * existing type and key an integration or deletion changed) compared, item by item, with the
 * live board before the update. Records created in the update are read whole.
 */
class EffectReader {
  private readonly effects: UpdateEffect[] = []
  private readonly settings: SettingEffect[] = []

  constructor(
    private readonly live: Y.Doc,
    private readonly copy: Y.Doc,
    private readonly transaction: Y.Transaction,
  ) {}

  read(): Integration {
    this.refuseDuplicateRecords()
    for (const [type, keys] of this.transaction.changed) {
      for (const key of keys) {
        if (key === null) throw new Refusal('看板数据只能按键写入，不能写成列表')
        this.readChange(type, key)
      }
    }
    return { ok: true, effects: this.effects, settings: this.settings, changed: false }
  }

  /**
   * A record created under an id the board already has loses to it (or replaces it) by Yjs's
   * ordering of concurrent items: either way it is a second copy of that id, never an edit.
   */
  private refuseDuplicateRecords(): void {
    const store = this.copy.store
    for (const [client, structs] of store.clients) {
      const before = this.transaction.beforeState.get(client) ?? 0
      if (Y.getState(store, client) <= before) continue
      for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
        const item = structs[index]
        if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType) || item.parentSub === null) continue
        const parent = item.parent as ChangedType | null
        if (!parent || parent._item !== null) continue
        const collection = Y.findRootTypeKey(parent)
        if (!isRecordCollection(collection)) continue
        const existing = liveItem(this.live.getMap(collection)._map.get(item.parentSub))
        if (existing && !sameItem(existing, item)) throw new Refusal(`${RECORD_SCHEMAS[collection].label}编号重复：${item.parentSub.slice(0, 64)}`)
      }
    }
  }

  private readChange(type: ChangedType, key: string): void {
    const holder = type._item
    if (holder === null) {
      const root = Y.findRootTypeKey(type)
      if (isRecordCollection(root)) this.readEntry(root, key)
      else if (root === BoardRoot.meta) this.readSetting(key)
      else throw new Refusal(`未知的数据根：${root.slice(0, 40)}`)
      return
    }
    // A record deleted or replaced in this same update: its field changes are not visible.
    if (holder.deleted) return
    const collectionType = holder.parent as ChangedType
    if (collectionType._item !== null) throw new Refusal('字段不能嵌套其他结构')
    const collection = Y.findRootTypeKey(collectionType)
    if (!isRecordCollection(collection)) throw new Refusal(collection === BoardRoot.meta ? '看板设置不能嵌套其他结构' : '未知的数据根')
    if (holder.parentSub === null) throw new Refusal('看板数据只能按键写入，不能写成列表')
    const before = liveTypeOf(this.live, holder.id)
    this.readField(collection, holder.parentSub, key, before?._map.get(key), type._map.get(key))
  }

  private readEntry(collection: RecordCollection, id: string): void {
    const before = liveItem(this.live.getMap(collection)._map.get(id))
    const after = liveItem(this.copy.getMap(collection)._map.get(id))
    if (sameItem(before, after)) return
    if (before) this.effects.push({ kind: 'deleteRecord', collection, id })
    if (!after) return
    if (!(after.content instanceof Y.ContentType) || !(after.content.type instanceof Y.Map)) {
      throw new Refusal(`记录 ${id.slice(0, 64)} 必须是一个映射（Y.Map）`)
    }
    this.effects.push({ kind: 'createRecord', collection, id })
    for (const [field, item] of (after.content.type as Y.Map<unknown>)._map) {
      if (!item.deleted) this.effects.push({ kind: 'setField', collection, id, field, value: fieldValue(item) })
    }
  }

  private readField(collection: RecordCollection, id: string, field: string, beforeItem: Y.Item | undefined, afterItem: Y.Item | undefined): void {
    const before = liveItem(beforeItem)
    const after = liveItem(afterItem)
    if (sameItem(before, after)) return
    this.effects.push(after ? { kind: 'setField', collection, id, field, value: fieldValue(after) } : { kind: 'clearField', collection, id, field })
  }

  private readSetting(key: string): void {
    const before = liveItem(this.live.getMap(BoardRoot.meta)._map.get(key))
    const after = liveItem(this.copy.getMap(BoardRoot.meta)._map.get(key))
    if (sameItem(before, after)) return
    this.settings.push(after ? { kind: 'setSetting', key, value: settingValue(after) } : { kind: 'clearSetting', key })
  }
}

/** The Y.Map held by the live board's item with this id (a record that existed before the update). */
function liveTypeOf(live: Y.Doc, id: Y.ID): Y.Map<unknown> | undefined {
  const item = Y.getItem(live.store, id) as Y.Item | Y.GC
  if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) return undefined
  return item.content.type as Y.Map<unknown>
}

function liveItem(item: Y.Item | undefined): Y.Item | undefined {
  return item && !item.deleted ? item : undefined
}

function sameItem(a: Y.Item | undefined, b: Y.Item | undefined): boolean {
  if (!a || !b) return a === b
  return a.id.client === b.id.client && a.id.clock === b.id.clock
}

function fieldValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentType) throw new Refusal('字段不能嵌套其他结构')
  if (!(item.content instanceof Y.ContentAny)) throw new Refusal('看板字段的数据类型不受支持')
  return item.content.arr[item.content.arr.length - 1]
}

function settingValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentType) throw new Refusal('看板设置不能嵌套其他结构')
  return fieldValue(item)
}

/** Whether a transaction integrated or deleted anything: Yjs's own test for emitting an update. */
export function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

import type { RecordCollection } from '@guatu/shared/board/boardDoc'
import type { FieldEvent } from '@guatu/shared/domain/fieldPolicy'
import { writtenValues, type UpdateEffect } from './updateEffects.ts'

/**
 * What an update does, asked record by record: which records it creates, which fields it writes
 * and with what, and so which declared events (fieldPolicy) happen in it. The role policy asks
 * whether a claim's event happens; the stamps ask which times to write.
 */
export class UpdateEvents {
  private readonly created = new Set<string>()
  private readonly touched = new Set<string>()
  /** Records the update creates or writes fields of (not those it only deletes). */
  readonly records = new Map<string, { collection: RecordCollection; id: string }>()
  readonly written: (collection: RecordCollection, id: string, field: string) => unknown

  constructor(effects: readonly UpdateEffect[]) {
    this.written = writtenValues(effects)
    for (const effect of effects) {
      if (effect.kind === 'deleteRecord') continue
      const key = `${effect.collection}:${effect.id}`
      this.records.set(key, { collection: effect.collection, id: effect.id })
      if (effect.kind === 'createRecord') this.created.add(key)
      else this.touched.add(`${key}:${effect.field}`)
    }
  }

  isCreated(collection: RecordCollection, id: string): boolean {
    return this.created.has(`${collection}:${id}`)
  }

  happens(collection: RecordCollection, id: string, event: FieldEvent): boolean {
    switch (event.on) {
      case 'create':
        return this.isCreated(collection, id)
      case 'set':
        return this.touched.has(`${collection}:${id}:${event.field}`) && this.written(collection, id, event.field) === event.value
      case 'write':
        return this.touched.has(`${collection}:${id}:${event.field}`)
    }
  }
}

import type * as Y from 'yjs'
import { RecordCollection, collectionRoot, type RecordMap } from './boardDoc.ts'
import { parseStored } from '../domain/safeText.ts'
import { RECORD_SCHEMAS } from './recordSchemas.ts'

/**
 * Reads one record's fields with its collection's validators. A required field that is missing or
 * unreadable (an older version, a hostile client) makes the record unreadable: undefined, so a
 * component never receives half a record. Optional fields that do not validate are left out.
 */
export function readRecordFields(collection: RecordCollection, map: RecordMap): Record<string, unknown> | undefined {
  const schema = RECORD_SCHEMAS[collection]
  const values: Record<string, unknown> = {}
  for (const [field, validator] of Object.entries(schema.fieldSchemas)) {
    const parsed = parseStored(validator, map.get(field))
    if (parsed.success) values[field] = parsed.data
    else if (!schema.optionalFields.includes(field)) return undefined
  }
  return values
}

/** Every readable record of a collection, as `read` turns it into a typed value. */
export function readCollection<T>(doc: Y.Doc, collection: RecordCollection, read: (id: string, map: RecordMap) => T | undefined): T[] {
  const records: T[] = []
  collectionRoot(doc, collection).forEach((map, id) => {
    const record = typeof map?.get === 'function' ? read(id, map) : undefined
    if (record !== undefined) records.push(record)
  })
  return records
}

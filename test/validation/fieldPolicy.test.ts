import { describe, expect, test } from 'vitest'
import { RECORD_COLLECTIONS } from '@guatu/shared/board/boardDoc'
import { RECORD_SCHEMAS } from '@guatu/shared/board/recordSchemas'
import { FieldWriter } from '@guatu/shared/domain/fieldPolicy'

describe('who may write each field is declared, never inferred', () => {
  test.each(RECORD_COLLECTIONS)('every field of %s has exactly one declared writer, and no policy names a field the schema lacks', (collection) => {
    const { fieldSchemas, policy } = RECORD_SCHEMAS[collection]
    expect(Object.keys(policy.fields).sort()).toEqual(Object.keys(fieldSchemas).sort())
    for (const field of Object.values(policy.fields)) expect(Object.values(FieldWriter)).toContain(field.writer)
  })

  test('every time a client could claim is stamped by the server, and every …By field names its sender', () => {
    for (const collection of RECORD_COLLECTIONS) {
      for (const [field, policy] of Object.entries(RECORD_SCHEMAS[collection].policy.fields)) {
        // A photo's capture time is the server's too: read from the file's EXIF, never a client's claim.
        if (/At$/.test(field)) expect([FieldWriter.stampedTime, FieldWriter.server], `${collection}.${field}`).toContain(policy.writer)
        if (/By(Id|Label)$/.test(field) || /^chair(Id|Label)$/.test(field)) expect(policy.writer, `${collection}.${field}`).toBe(FieldWriter.actor)
      }
    }
  })
})

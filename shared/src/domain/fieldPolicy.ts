/**
 * Who may write each field of a record, declared next to the record's schema (one table per
 * record, checked by `satisfies Record<Field, FieldPolicy>` so a new field cannot go unclassified).
 * The server's role policy reads these tables; it never guesses from a field's name.
 */
export const FieldWriter = {
  /** The department responsible for the record's project, or the project office. */
  department: 'department',
  /** The project office only. */
  office: 'office',
  /** Written when the record is created, by whoever may create it; never changed afterwards. */
  fixed: 'fixed',
  /**
   * The unit that holds a project: set at creation to a unit the creator may edit; moved to
   * another unit only by the project office (a department may neither give a project away nor take one).
   */
  holder: 'holder',
  /** The department's answer to an office record (a 督办单's 办理情况), or the office. */
  reply: 'reply',
  /** Names who did something: must name the sender itself, and only together with that event. */
  actor: 'actor',
  /** When something happened: written only with that event, and the server replaces it with its own clock. */
  stampedTime: 'stampedTime',
  /**
   * Only the server writes it, from what it verified itself (a stored photo's blob, pixel size,
   * EXIF): no client update may set it, whoever sends it.
   */
  server: 'server',
} as const
export type FieldWriter = (typeof FieldWriter)[keyof typeof FieldWriter]

/** The moment a claim or a stamp records. */
export type FieldEvent =
  /** The record is created. */
  | { on: 'create' }
  /** `field` is set to `value` (a problem becomes solved, a meeting ends). */
  | { on: 'set'; field: string; value: string }
  /** `field` is written (a reply is given). */
  | { on: 'write'; field: string }

export type FieldPolicy =
  | {
      writer:
        | typeof FieldWriter.department
        | typeof FieldWriter.office
        | typeof FieldWriter.fixed
        | typeof FieldWriter.holder
        | typeof FieldWriter.reply
        | typeof FieldWriter.server
    }
  | { writer: typeof FieldWriter.actor; event: FieldEvent; part: 'id' | 'label' }
  | { writer: typeof FieldWriter.stampedTime; event: FieldEvent }

/** Who may create and delete records of a collection. */
export const RecordWriter = {
  /** A department for its own projects (the unit the record names), or the office. */
  department: 'department',
  office: 'office',
  /** Created only by the server itself, on behalf of someone the department rule allows (a photo upload). */
  server: 'server',
  /** Deleted by whoever the record names as its uploader, or the office. */
  uploader: 'uploader',
} as const
export type RecordWriter = (typeof RecordWriter)[keyof typeof RecordWriter]

export interface RecordPolicy {
  create: RecordWriter
  delete: RecordWriter
  fields: Readonly<Record<string, FieldPolicy>>
}

export const writtenBy = (writer: Exclude<FieldWriter, 'actor' | 'stampedTime'>): FieldPolicy => ({ writer })
export const actorOf = (event: FieldEvent, part: 'id' | 'label'): FieldPolicy => ({ writer: FieldWriter.actor, event, part })
export const stampedOn = (event: FieldEvent): FieldPolicy => ({ writer: FieldWriter.stampedTime, event })
export const ON_CREATE: FieldEvent = { on: 'create' }

import type * as Y from 'yjs'
import type { ReminderEvent } from '@guatu/shared/domain/reminderEvent'

/**
 * Something on a board that may call for reminders. The reminder scheduler asks every source
 * again and again (after changes, and on a clock tick for deadlines): a source answers with every
 * reminder due at `now`, and the outbox drops those whose key (reminderKey) it already holds. So a
 * source keeps no memory of what it sent, and any process of a cluster may ask.
 */
export interface ReminderSource {
  remindersDue(board: { boardId: string; doc: Y.Doc }, now: Date): readonly ReminderEvent[]
}

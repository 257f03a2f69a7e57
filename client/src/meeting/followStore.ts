import { createStore } from '../sync/externalStore.ts'

/**
 * Whether this browser follows the meeting (its board filtered to the unit reporting). Local to
 * the page and never synced: stepping out to look at another unit's card must not move anyone
 * else's board. Everyone follows by default, as in the room.
 */
export const followMeetingStore = createStore(true)

/**
 * The origin of this tab's own edits. Commands called without an origin get `null` from Yjs, which
 * undo tracks too (see boardUndo.ts); code that can pass one should pass this.
 */
export const LOCAL_ORIGIN = { source: 'local' } as const

/**
 * The key two ledger rows (or a row and a card) are the same project by: the name without any
 * whitespace, with full-width characters folded to half-width (（一期） = (一期)) and letters in
 * one case. 序号 is not a key — offices renumber every month.
 */
export function normalizeProjectName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

/** Problems are matched by description the same way, so a re-import does not raise them twice. */
export function normalizeProblemDescription(description: string): string {
  return description
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.]$/, '')
}

/**
 * Thrown when a file cannot be read as a ledger. Kept apart from ledgerTypes.ts so the readers
 * that throw it need not import the row types, which name the readers' own formats (a cycle).
 */
export class LedgerFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LedgerFormatError'
  }
}

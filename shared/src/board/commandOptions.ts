import type { IsoDate } from '../domain/dates.ts'

// What every board command takes and throws, kept out of projectCommands.ts so
// commands that projectCommands itself reads (board settings) need not import it.

export class ProjectValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'ProjectValidationError'
  }
}

export interface CommandOptions {
  origin?: unknown
  /**
   * The day a stage move happened (实际签约/开工/投产时间). Defaults to the board's 今天 kept inside
   * its year (defaultStageEntryDate), never the bare clock: see shared/progress/boardToday.ts.
   */
  today?: IsoDate
}

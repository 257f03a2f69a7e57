import type * as Y from 'yjs'
import { addDays } from '../progress/progressDates.ts'
import type { IsoDate } from '../domain/dates.ts'
import { periodOf, type ReportingPeriod, type ReportingSettings, type UnitReportingRecord } from '../domain/reportingPeriod.ts'
import { listProposals, periodStatuses, reportingUnits, unitOfProject } from './reviewQueries.ts'

/** The year's periods whose deadline is on or before `cutoff`. */
function periodsDueBy(settings: ReportingSettings, year: number, cutoff: IsoDate): ReportingPeriod[] {
  const periods: ReportingPeriod[] = []
  let day = `${year}-01-01` as IsoDate
  while (day <= cutoff && day.startsWith(String(year))) {
    const period = periodOf(settings, day)
    if (period.deadline <= cutoff && period.deadline.startsWith(String(year))) periods.push(period)
    day = addDays(period.endsOn, 1)
  }
  return periods
}

/**
 * Every reporting unit's record as of `cutoff`: periods due, reported on time, returns. A unit
 * that reported after the deadline, or not at all, is not on time. Returns are counted as the
 * office made them (the proposal's own counter), whenever in the year.
 */
export function unitReportingRecords(doc: Y.Doc, settings: ReportingSettings, year: number, cutoff: IsoDate): Map<string, UnitReportingRecord> {
  const records = new Map<string, { due: number; onTime: number; returns: number }>(
    reportingUnits(doc).map((unit) => [unit, { due: 0, onTime: 0, returns: 0 }]),
  )
  for (const period of periodsDueBy(settings, year, cutoff)) {
    for (const status of periodStatuses(doc, settings, period, cutoff)) {
      const record = records.get(status.unit)
      if (!record) continue
      record.due += 1
      if (status.submission && !status.late) record.onTime += 1
    }
  }
  for (const proposal of listProposals(doc)) {
    if (!proposal.returnedAt || proposal.returnedAt.slice(0, 10) > cutoff) continue
    const record = records.get(unitOfProject(doc, proposal.projectId))
    if (record) record.returns += proposal.returns ?? 0
  }
  return records
}

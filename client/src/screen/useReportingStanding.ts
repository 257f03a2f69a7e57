import { useCallback } from 'react'
import type * as Y from 'yjs'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { unitReportingRecords } from '@guatu/shared/board/reportingRecord'
import { listProposals, listSubmissions, periodStatuses } from '@guatu/shared/board/reviewQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { DEFAULT_REPORTING_RANKING_WEIGHTS, PeriodStatus, periodOf, type ReportingPeriod } from '@guatu/shared/domain/reportingPeriod'
import type { WeeklyRankingInput } from '@guatu/shared/progress/ranking'
import { useReviewSnapshot } from '../review/useReviewSnapshot.ts'

export interface ReportingStanding {
  /** The ranking's reporting part: records read from the document when the ranking is computed. */
  ranking: NonNullable<WeeklyRankingInput['reporting']>
  period: ReportingPeriod
  /** Units that have not reported this period (未报 or 逾期), in Chinese order. */
  notReported: readonly string[]
}

const NOT_REPORTED: ReadonlySet<PeriodStatus> = new Set([PeriodStatus.notReported, PeriodStatus.overdue])

/**
 * The reporting cycle as the wall shows it, or undefined on a board without one. Recomputed only
 * when a 报送, a proposal's status or return count, the cycle's settings or the day changes: a card
 * move does not redo it.
 */
export function useReportingStanding(year: number, today: IsoDate): ReportingStanding | undefined {
  const read = useCallback(
    (doc: Y.Doc): ReportingStanding | undefined => {
      const settings = readReportingSettings(doc)
      if (!settings) return undefined
      const period = periodOf(settings, today)
      return {
        ranking: {
          recordsAt: (cutoff) => unitReportingRecords(doc, settings, year, cutoff),
          weights: settings.rankingWeights ?? DEFAULT_REPORTING_RANKING_WEIGHTS,
        },
        period,
        notReported: periodStatuses(doc, settings, period, today)
          .filter((unit) => NOT_REPORTED.has(unit.status))
          .map((unit) => unit.unit),
      }
    },
    [year, today],
  )
  const key = useCallback(
    (standing: ReportingStanding | undefined) =>
      standing
        ? `${standing.period.id}|${standing.ranking.weights.perLatePeriod}|${standing.ranking.weights.perReturn}|${standing.notReported.join('、')}`
        : 'off',
    [],
  )
  const fingerprintRead = useCallback(
    (doc: Y.Doc) => ({
      standing: read(doc),
      marks: `${listSubmissions(doc).length}|${listProposals(doc)
        .map((p) => `${p.status}${p.returns ?? 0}`)
        .join('')}`,
    }),
    [read],
  )
  return useReviewSnapshot(fingerprintRead, (value) => `${key(value.standing)}|${value.marks}`).standing
}

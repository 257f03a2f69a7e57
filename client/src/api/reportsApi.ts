import { weeklyRankingResponseSchema } from '@guatu/shared/api/reports'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { RankingGroup, WeeklyRanking } from '@guatu/shared/progress/ranking'
import { downloadFile, requestJson } from './http.ts'

function rankingQuery(week: IsoDate, by: RankingGroup): string {
  return new URLSearchParams({ week, by }).toString()
}

/** 一周一晾晒 as the server computes it (the same figures as the Excel sheet and the wall screen). */
export async function fetchWeeklyRanking(boardId: string, week: IsoDate, by: RankingGroup, signal?: AbortSignal): Promise<WeeklyRanking> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}/ranking?${rankingQuery(week, by)}`, weeklyRankingResponseSchema, signal ? { signal } : {})
}

export function downloadRanking(boardId: string, week: IsoDate, by: RankingGroup): Promise<string> {
  return downloadFile(`/api/boards/${encodeURIComponent(boardId)}/ranking.xlsx?${rankingQuery(week, by)}`, `一周一晾晒-${week}.xlsx`)
}

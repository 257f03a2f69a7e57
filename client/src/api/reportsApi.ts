import { z } from 'zod'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { RankingGroup, WeeklyRanking } from '@guatu/shared/progress/ranking'
import { ApiError, downloadFile, requestJson } from './http.ts'

function rankingQuery(week: IsoDate, by: RankingGroup): string {
  return new URLSearchParams({ week, by }).toString()
}

function isRanking(value: unknown): value is WeeklyRanking {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return Array.isArray(record.rows) && Array.isArray(record.redList) && Array.isArray(record.blackList) && typeof record.week === 'object'
}

/** 一周一晾晒 as the server computes it (the same figures as the Excel sheet and the wall screen). */
export async function fetchWeeklyRanking(boardId: string, week: IsoDate, by: RankingGroup, signal?: AbortSignal): Promise<WeeklyRanking> {
  const body = await requestJson(`/api/boards/${encodeURIComponent(boardId)}/ranking?${rankingQuery(week, by)}`, z.unknown(), signal ? { signal } : {})
  if (!isRanking(body)) throw new ApiError(500, '服务器返回的排名无法识别')
  return body
}

export function downloadRanking(boardId: string, week: IsoDate, by: RankingGroup): Promise<string> {
  return downloadFile(`/api/boards/${encodeURIComponent(boardId)}/ranking.xlsx?${rankingQuery(week, by)}`, `一周一晾晒-${week}.xlsx`)
}

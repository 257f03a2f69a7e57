import { z } from 'zod'

/**
 * 项目代码: the identity the 投资项目在线审批监管平台 gives a fixed-asset investment project for its
 * whole life (发改投资〔2020〕1439号, GB/T 40058-2021). 24 characters in five dash-joined parts:
 * 4-digit year of issue, 6-digit 行政区划 code, 2-digit 中央业务指导部门 (industry) code, 2-digit
 * 项目类型 code, then 6 characters (the 2017 rules: a 6-digit serial; since 2020: 5 random
 * characters and a check character). Offices match records by it across ledgers and years.
 *
 * The check character's algorithm is the platform's own: Guatu checks the shape, not the checksum.
 */
export type ProjectCode = string & { readonly __brand: 'ProjectCode' }

export const PROJECT_CODE_LENGTH = 24
const PROJECT_CODE_PATTERN = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-([0-9A-Z]{6})$/
const FIRST_CODE_YEAR = 2014
const LAST_CODE_YEAR = 2100

export const PROJECT_CODE_FORMAT_MESSAGE = '项目代码须为24位，格式如 2022-610000-44-01-123456（年份-地区代码-行业代码-类型代码-6位序号）'

/** Why a code is not acceptable, in Chinese; undefined when it is. */
export function projectCodeProblem(value: string): string | undefined {
  const match = PROJECT_CODE_PATTERN.exec(value)
  if (!match) return PROJECT_CODE_FORMAT_MESSAGE
  const year = Number(match[1])
  if (year < FIRST_CODE_YEAR || year > LAST_CODE_YEAR) return `项目代码的年份${match[1]}不在${FIRST_CODE_YEAR}至${LAST_CODE_YEAR}之间`
  if (match[2]?.startsWith('00')) return `项目代码的地区代码${match[2]}不是有效的行政区划代码`
  return undefined
}

/**
 * The code as offices type it, made comparable: full-width digits and dashes (２０２２－…), spaces
 * and lower-case letters are what a ledger cell really holds. Undefined for an empty cell.
 */
export function normalizeProjectCode(raw: string): string | undefined {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s\u200b]/g, '')
    .replace(/[‐‑‒–—―－]/g, '-')
    .toUpperCase()
  return text === '' ? undefined : text
}

export function isProjectCode(value: unknown): value is ProjectCode {
  return typeof value === 'string' && projectCodeProblem(value) === undefined
}

export const projectCodeSchema = z.custom<ProjectCode>(isProjectCode, {
  error: (issue) => (typeof issue.input === 'string' ? (projectCodeProblem(issue.input) ?? PROJECT_CODE_FORMAT_MESSAGE) : '项目代码必须是文字'),
})

import { z } from 'zod'
import { refuseXmlUnsafe } from '../domain/safeText.ts'
import { boardSummarySchema } from './boards.ts'

/**
 * REST for a project's life across years: the 新建年度看板 rollover (`/api/boards/:id/rollover`),
 * a project's boards across years (`/api/boards/:id/projects/:projectId/years`) and the rollup of
 * every board the caller may read (`/api/rollups`).
 */

/** POST /api/boards/:id/rollover/preview and POST /api/boards/:id/rollover (the project office only). */
export const rolloverRequestSchema = z.strictObject({
  year: z.number({ error: '年度必须是数字' }).int({ error: '年度必须是整数' }).min(2000, { error: '年度须在2000至2100之间' }).max(2100, {
    error: '年度须在2000至2100之间',
  }),
  name: z
    .string({ error: '看板名称必须是文字' })
    .trim()
    .min(1, { error: '看板名称不能为空' })
    .max(100, { error: '看板名称不能超过100个字' })
    .superRefine(refuseXmlUnsafe('看板名称'))
    .optional(),
  /** The projects to carry; absent = the default (everything not 投产). */
  projectIds: z.array(z.string().max(64), { error: '项目须为编号列表' }).max(20_000).optional(),
})
export type RolloverRequest = z.input<typeof rolloverRequestSchema>

export const rolloverPreviewSchema = z.object({
  /** The new board: its id follows from last year's and the year, so running again finds it. */
  target: z.object({ id: z.string(), name: z.string(), year: z.number().int(), exists: z.boolean() }),
  carried: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string(), changes: z.array(z.string()) })),
  left: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string(), reason: z.string() })),
  /** Open 存在问题 and 督办单 carried with the projects. */
  problems: z.number().int(),
  notices: z.number().int(),
})
export type RolloverPreview = z.infer<typeof rolloverPreviewSchema>

/** `created: false` when the new year's board already existed: nothing was written. */
export const rolloverResultSchema = z.object({ board: boardSummarySchema, created: z.boolean(), carried: z.number().int() })
export type RolloverResult = z.infer<typeof rolloverResultSchema>

/** GET /api/boards/:id/projects/:projectId/years: the boards the project has been on, newest first, that the caller may read. */
export const projectYearsSchema = z.object({
  years: z.array(z.object({ boardId: z.string(), name: z.string(), year: z.number().int() })),
})
export type ProjectYears = z.infer<typeof projectYearsSchema>

/** GET /api/rollups: per board the caller may read, and totals. Money in 万元 (exact decimal strings). */
const rollupFiguresSchema = z.object({
  projects: z.number().int(),
  byStage: z.object({ planning: z.number().int(), signed: z.number().int(), started: z.number().int(), producing: z.number().int() }),
  totalInvestmentWan: z.string(),
  annualPlanInvestmentWan: z.string(),
  completedInvestmentWan: z.string(),
  /** Projects by their worst light (a project counts once). */
  lights: z.object({ green: z.number().int(), blue: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
})
export type RollupFigures = z.infer<typeof rollupFiguresSchema>
export const rollupResponseSchema = z.object({
  boards: z.array(rollupFiguresSchema.extend({ boardId: z.string(), name: z.string(), year: z.number().int(), asOf: z.string() })),
  totals: rollupFiguresSchema,
})
export type RollupResponse = z.infer<typeof rollupResponseSchema>

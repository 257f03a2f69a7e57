import { z } from 'zod'
import { refuseXmlUnsafe } from '../domain/safeText.ts'

/** REST for wall-display links (`/api/screen-links`, the project office only). */
export const screenLinkSchema = z.object({
  id: z.string(),
  boardId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** ISO time, or null for a link that never expires. */
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
})
export type ScreenLink = z.infer<typeof screenLinkSchema>

/** GET /api/screen-links */
export const screenLinkListResponseSchema = z.object({ links: z.array(screenLinkSchema) })
export type ScreenLinkListResponse = z.infer<typeof screenLinkListResponseSchema>

/** POST /api/screen-links */
export const createScreenLinkRequestSchema = z.object({
  boardId: z.string({ error: '请选择看板' }).min(1, { error: '请选择看板' }),
  name: z
    .string({ error: '请填写大屏名称' })
    .trim()
    .min(1, { error: '请填写大屏名称' })
    .max(60, { error: '名称过长' })
    .superRefine(refuseXmlUnsafe('大屏名称')),
  expiresInDays: z
    .number({ error: '有效天数须为数字' })
    .int({ error: '有效天数须为整数' })
    .min(1, { error: '有效天数至少为1天' })
    .max(3650, { error: '有效天数不能超过3650天' })
    .optional(),
})
export type CreateScreenLinkRequest = z.input<typeof createScreenLinkRequestSchema>

/**
 * POST /api/screen-links answers 201 with the token and the path that carries it
 * (`/screen/<boardId>?token=…`): shown once, never again.
 */
export const createScreenLinkResponseSchema = z.object({ link: screenLinkSchema, token: z.string(), url: z.string() })
export type CreateScreenLinkResponse = z.infer<typeof createScreenLinkResponseSchema>

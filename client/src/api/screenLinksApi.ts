import { jsonBody, requestJson } from './http.ts'

export interface ScreenLink {
  id: string
  boardId: string
  name: string
  createdAt: string
  expiresAt: string | null
  revoked: boolean
}

function readLink(value: unknown): ScreenLink | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  if (typeof record.id !== 'string' || typeof record.boardId !== 'string') return undefined
  return {
    id: record.id,
    boardId: record.boardId,
    name: typeof record.name === 'string' ? record.name : '',
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : '',
    expiresAt: typeof record.expiresAt === 'string' ? record.expiresAt : null,
    revoked: record.revoked === true,
  }
}

export async function fetchScreenLinks(): Promise<ScreenLink[]> {
  const { links } = await requestJson<{ links?: unknown }>('/api/screen-links')
  return Array.isArray(links) ? links.flatMap((link) => readLink(link) ?? []) : []
}

/** Creates a link and returns its path with the token (`/screen/<boardId>?token=…`): shown once, never again. */
export async function createScreenLink(input: { boardId: string; name: string; expiresInDays?: number }): Promise<string> {
  const { url } = await requestJson<{ url?: unknown }>('/api/screen-links', { method: 'POST', ...jsonBody(input) })
  if (typeof url !== 'string') throw new Error('服务器没有返回链接地址')
  return url
}

export async function revokeScreenLink(id: string): Promise<void> {
  await requestJson<void>(`/api/screen-links/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

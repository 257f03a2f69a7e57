import { createScreenLinkResponseSchema, screenLinkListResponseSchema, type CreateScreenLinkRequest, type ScreenLink } from '@guatu/shared/api/screenLinks'
import { jsonBody, requestJson, requestNoContent } from './http.ts'

export async function fetchScreenLinks(): Promise<ScreenLink[]> {
  const { links } = await requestJson('/api/screen-links', screenLinkListResponseSchema)
  return links
}

/** Creates a link and returns its path with the token (`/screen/<boardId>?token=…`): shown once, never again. */
export async function createScreenLink(input: CreateScreenLinkRequest): Promise<string> {
  const { url } = await requestJson('/api/screen-links', createScreenLinkResponseSchema, { method: 'POST', ...jsonBody(input) })
  return url
}

export async function revokeScreenLink(id: string): Promise<void> {
  await requestNoContent(`/api/screen-links/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

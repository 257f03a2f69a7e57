import { Hono } from 'hono'
import {
  correctCandidateRequestSchema,
  moveCandidateRequestSchema,
  proposeCandidateRequestSchema,
  vetCandidateRequestSchema,
  type CandidateHistoryResponse,
  type CandidateResponse,
  type MoveCandidateResponse,
  type ProjectOriginResponse,
  type ReserveListResponse,
} from '@guatu/shared/api/reserve'
import type { ReserveService } from '../reserve/reserveService.ts'
import { publicEntry } from './boardRoutes.ts'
import { fileResponse } from './fileResponse.ts'
import { requirePrincipal, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import type { ReserveImportRefused, ReserveImportPreview, ReserveImportResult } from '@guatu/shared/api/reserveImport'
import { ledgerReadFailure, readLedgerUpload } from './ledgerUpload.ts'

/** 项目库 (contract: shared/src/api/reserve.ts). Every refusal is the service's, by role and unit. */
export function reserveRoutes(reserve: ReserveService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => c.json({ candidates: await reserve.list(requirePrincipal(c)) } satisfies ReserveListResponse))

  routes.post('/candidates', async (c) => {
    const principal = requirePrincipal(c)
    const { candidate } = await parseBody(c, proposeCandidateRequestSchema)
    return c.json({ candidate: await reserve.propose(principal, candidate) } satisfies CandidateResponse, 201)
  })

  routes.patch('/candidates/:id', async (c) => {
    const principal = requirePrincipal(c)
    const { patch } = await parseBody(c, correctCandidateRequestSchema)
    return c.json({ candidate: await reserve.correct(principal, c.req.param('id'), patch) } satisfies CandidateResponse)
  })

  routes.post('/candidates/:id/vet', async (c) => {
    const principal = requirePrincipal(c)
    const verdict = await parseBody(c, vetCandidateRequestSchema)
    return c.json({ candidate: await reserve.vet(principal, c.req.param('id'), verdict) } satisfies CandidateResponse)
  })

  routes.post('/candidates/:id/move', async (c) => {
    const principal = requirePrincipal(c)
    const { boardId } = await parseBody(c, moveCandidateRequestSchema)
    return c.json((await reserve.move(principal, c.req.param('id'), boardId)) satisfies MoveCandidateResponse)
  })

  routes.get('/candidates/:id/history', async (c) => {
    const entries = await reserve.history(requirePrincipal(c), c.req.param('id'))
    return c.json({ entries: entries.map(publicEntry) } satisfies CandidateHistoryResponse)
  })

  routes.get('/origin/:boardId/:projectId', async (c) => {
    const origin = await reserve.origin(requirePrincipal(c), c.req.param('boardId'), c.req.param('projectId'))
    return c.json({ candidate: origin.candidate, entries: origin.entries.map(publicEntry) } satisfies ProjectOriginResponse)
  })

  routes.post('/import', async (c) => {
    const principal = requirePrincipal(c)
    // Refused before the upload is read: only the 项目办 imports (the service checks again).
    reserve.requireImporter(principal)
    const { file } = await readLedgerUpload(c)
    const dryRun = c.req.query('dryRun') === '1'
    try {
      const outcome = await reserve.import(principal, new Uint8Array(await file.arrayBuffer()), file.name.slice(0, 200), dryRun)
      switch (outcome.kind) {
        case 'preview':
          return c.json(outcome.preview satisfies ReserveImportPreview)
        case 'committed':
          return c.json(outcome.result satisfies ReserveImportResult)
        case 'refused':
          return c.json({ error: outcome.error, preview: outcome.preview } satisfies ReserveImportRefused, 422)
      }
    } catch (error) {
      throw ledgerReadFailure(error)
    }
  })

  routes.get('/export.xlsx', async (c) => {
    const exported = await reserve.export(requirePrincipal(c))
    return fileResponse(c, exported.file, exported.name)
  })

  return routes
}

/** Guatu only: importing a generated 2,000-row ledger over HTTP, and exporting the board again. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { demoProjectsFor } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { buildWanFormatsLedger } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { median } from './stats.ts'

export async function ledgerRoundTrip(rows: number, repeats: number): Promise<{ importMs: number; exportMs: number }> {
  const bytes = await buildWanFormatsLedger(demoProjectsFor({ file: '', seed: rows, count: rows, brokenIndexes: [] }))
  const imports: number[] = []
  const exports: number[] = []
  for (let i = 0; i < repeats; i++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-ledger-'))
    const server = await startServer(ServerKind.guatu, dataDir)
    try {
      const http = guatuHttp(server)
      const boardId = await server.createBoard('ledger')
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(bytes)]), 'ledger.xlsx')
      let started = performance.now()
      const imported = await fetch(`${http.url}/api/boards/${boardId}/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${http.adminToken}` },
        body: form,
      })
      const answer = await imported.text()
      imports.push(performance.now() - started)
      if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${answer.slice(0, 300)}`)
      started = performance.now()
      const exported = await fetch(`${http.url}/api/boards/${boardId}/export.xlsx`, { headers: { authorization: `Bearer ${http.adminToken}` } })
      await exported.arrayBuffer()
      exports.push(performance.now() - started)
      if (exported.status !== 200) throw new Error(`export answered ${exported.status}`)
    } finally {
      await server.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  return { importMs: median(imports), exportMs: median(exports) }
}

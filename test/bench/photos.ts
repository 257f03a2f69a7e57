/**
 * Guatu only: 形象进度照片. Uploads a 12-megapixel, ~5 MB camera JPEG (EXIF read, upright, metadata
 * stripped, screen copy and thumbnail made, stored, record written) and measures the time to the
 * 201 and the server's peak resident memory during it; then serves 100 thumbnails to a wall
 * screen's link at once. `node --import tsx bench/photos.ts` from test/; writes
 * test/artifacts/benchmarks-photos.md.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { photoPath, photoUploadPath } from '@guatu/shared/api/photos'
import { createProject } from '@guatu/shared/board/projectCommands'
import { ARTIFACTS_DIR } from '../helpers/paths.ts'
import { benchClient } from './benchClient.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { treeRssBytes } from './procStats.ts'
import { median, percentile } from './stats.ts'

const UPLOADS = 5
const THUMBNAILS = 100

async function cameraPhoto(width: number, height: number, seed: number): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 110 + seed, sigma: 30 } } })
    .withExif({ IFD2: { DateTimeOriginal: '2026:05:03 14:20:11', OffsetTimeOriginal: '+08:00' } })
    .jpeg({ quality: 82 })
  return new Uint8Array(await image.toBuffer())
}

async function upload(url: string, token: string, boardId: string, projectId: string, files: Uint8Array[]): Promise<number> {
  const form = new FormData()
  files.forEach((bytes, index) => form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `p${index}.jpg`))
  const started = performance.now()
  const response = await fetch(`${url}${photoUploadPath(boardId, projectId)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  const body = (await response.json()) as { photos?: Array<{ id: string }>; error?: string }
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${body.error}`)
  return performance.now() - started
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-photos-'))
const server = await startServer(ServerKind.guatu, dataDir)
try {
  const http = guatuHttp(server)
  const boardId = await server.createBoard('photos')
  const client = benchClient(http.wsUrl, boardId, http.adminToken)
  await client.synced
  const projectId = createProject(client.doc, { name: '照片基准项目', stage: 'started', unit: '工信局' })
  // The project is on the server once a photo upload finds it (404 until then).
  const tiny = await cameraPhoto(64, 48, 0)
  for (;;) {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(tiny)], { type: 'image/jpeg' }), 'probe.jpg')
    const probe = await fetch(`${http.url}${photoUploadPath(boardId, projectId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${http.adminToken}` },
      body: form,
    })
    await probe.arrayBuffer()
    if (probe.status === 201) break
    await new Promise((resolve) => setImmediate(resolve))
  }

  const photo = await cameraPhoto(4000, 3000, 1)
  const baseline = treeRssBytes(server.pid)
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssBytes(server.pid))), 10)
  const times: number[] = []
  for (let i = 0; i < UPLOADS; i++) times.push(await upload(http.url, http.adminToken, boardId, projectId, [photo]))
  clearInterval(sampler)

  // A wall screen's 100 thumbnails: photos of phone size, 20 per upload, then fetched all at once.
  const small = await cameraPhoto(1600, 1200, 2)
  for (let i = 0; i < THUMBNAILS / 20; i++)
    await upload(
      http.url,
      http.adminToken,
      boardId,
      projectId,
      Array.from({ length: 20 }, () => small),
    )
  const link = await fetch(`${http.url}/api/screen-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${http.adminToken}` },
    body: JSON.stringify({ boardId, name: '基准大屏' }),
  })
  const { token } = (await link.json()) as { token: string }
  const ids: string[] = []
  client.doc.getMap<{ get(key: string): unknown }>('photos').forEach((_record, id) => ids.push(id))
  const shown = ids.slice(0, THUMBNAILS)
  const each: number[] = []
  const started = performance.now()
  await Promise.all(
    shown.map(async (id) => {
      const begin = performance.now()
      const response = await fetch(`${http.url}${photoPath(boardId, id, 'thumb')}?token=${encodeURIComponent(token)}`)
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`thumbnail answered ${response.status}`)
      each.push(performance.now() - begin)
    }),
  )
  const allMs = performance.now() - started
  client.provider.destroy()

  const lines = [
    '## 形象进度照片',
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), shared with other work; server and load on the same host.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| upload of one ${(photo.byteLength / 1024 / 1024).toFixed(1)} MB, 4000×3000 JPEG to 201 (median of ${UPLOADS}) | ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) |`,
    `| server resident memory: before → peak during the uploads | ${(baseline / 1024 / 1024).toFixed(0)} MB → ${(peak / 1024 / 1024).toFixed(0)} MB |`,
    `| ${shown.length} thumbnails fetched at once by a screen link: all done | ${allMs.toFixed(0)} ms |`,
    `| per thumbnail: median / p99 | ${median(each).toFixed(1)} ms / ${percentile(each, 99).toFixed(1)} ms |`,
    '',
  ]
  console.log(lines.join('\n'))
  await mkdir(ARTIFACTS_DIR, { recursive: true })
  await writeFile(path.join(ARTIFACTS_DIR, 'benchmarks-photos.md'), lines.join('\n'))
} finally {
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
}

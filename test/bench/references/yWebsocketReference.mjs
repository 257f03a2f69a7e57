/**
 * The y-websocket 1.x reference server (`y-websocket@1.5.4`, bin/utils.js), as its own bin/server.js
 * runs it: plain `ws`, one Y.Doc per room, every update broadcast as it arrives. With YPERSISTENCE
 * set, utils.js stores each update in LevelDB (y-leveldb) without waiting for the write before it
 * broadcasts. Prints `listening on port N` once it accepts connections (port 0: the OS picks).
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { WebSocketServer } from 'ws'

// utils.js is CommonJS and reads YPERSISTENCE when it is first loaded.
const utils = createRequire(import.meta.url)('y-websocket-v1/bin/utils')

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('y-websocket reference')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (socket, request) => utils.setupWSConnection(socket, request, { gc: true }))
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on port ${server.address().port}`)
})
// LevelDB flushes its write-ahead log on close; give pending writes that chance on SIGTERM.
process.on('SIGTERM', () => {
  const persistence = utils.getPersistence()
  const closing = persistence && persistence.provider && persistence.provider.destroy ? persistence.provider.destroy() : Promise.resolve()
  Promise.resolve(closing).finally(() => process.exit(0))
})

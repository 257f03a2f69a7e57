import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { assembleServer, type AssembledServer } from '../assembleServer.ts'
import type { ServerConfig } from '../config.ts'
import type { Logger } from '../log.ts'
import { startHeartbeat } from './heartbeat.ts'

/** The assembled server behind a listening HTTP server with websockets. */
export interface ListeningServer {
  readonly port: number
  readonly assembled: AssembledServer
  /** The HTTP app without the network (Hono's `app.request`): for callers in the same process. */
  request(path: string, init?: RequestInit): Promise<Response>
  /**
   * Graceful stop: no new connections, every socket closed with "server restarting", then accepted
   * changes flushed and storage closed (AssembledServer.close).
   */
  close(): Promise<void>
}

/**
 * Listens on config.host:config.port (0 = any free port) and resolves once it accepts connections.
 * main.ts adds the process around it (signals, exit); tests start it in their own process.
 */
export async function startListening(config: ServerConfig, log: Logger): Promise<ListeningServer> {
  const root = new Hono()
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app: root })
  wss.options.maxPayload = config.maxMessageBytes
  const assembled = await assembleServer(config, log, { upgradeWebSocket, openSockets: () => wss.clients.size })
  root.route('/', assembled.app)

  let server: ServerType | undefined
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: root.fetch, port: config.port, hostname: config.host }, (info) => resolve(info.port))
  })
  const listening = server as ServerType
  injectWebSocket(listening)
  const stopHeartbeat = startHeartbeat(wss)

  let closing: Promise<void> | undefined
  return {
    port,
    assembled,
    request: async (path, init) => root.request(path, init),
    close: () => {
      closing ??= (async () => {
        assembled.beginShutdown()
        listening.close()
        stopHeartbeat()
        // Stop taking changes first; everything already accepted is in the commit queue and is
        // flushed, compacted and published to the other processes before Redis and the database close.
        for (const client of wss.clients) client.close(CloseCode.serverRestart, '服务器正在重启，请稍后重连')
        await assembled.close()
      })()
      return closing
    },
  }
}

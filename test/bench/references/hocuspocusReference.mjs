/**
 * The Hocuspocus reference server (@hocuspocus/server 3.x, the newest major that runs on Node 20),
 * with its SQLite extension when HOCUSPOCUS_SQLITE names a database file. Hocuspocus stores a
 * document debounced (2 s, at most 10 s) after changes, independently of broadcasting them.
 * Prints `listening on port N` once it accepts connections.
 */
import { Server } from '@hocuspocus/server'
import { SQLite } from '@hocuspocus/extension-sqlite'

const database = process.env.HOCUSPOCUS_SQLITE
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: database ? [new SQLite({ database })] : [],
})
await server.listen()
console.log(`listening on port ${server.address.port}`)

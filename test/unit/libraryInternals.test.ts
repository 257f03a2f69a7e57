import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import * as ws from 'ws'
import { WebSocket, WebSocketServer } from 'ws'

/**
 * The server reads a few undocumented parts of yjs (the validator walks `_map`, `_item` and the
 * struct store) and of ws (`_sender` and `Sender.frame`, to frame a broadcast once). Both are pinned
 * to exact versions in the package.json files; these tests are what an upgrade must pass before the
 * pin moves: each checks that the internal still means what the server assumes.
 */
describe('the yjs internals the update validator reads', () => {
  test("a map's _map holds, per key, the item whose content is the key's current value", () => {
    const doc = new Y.Doc()
    const projects = doc.getMap<Y.Map<unknown>>('projects')
    const record = new Y.Map<unknown>()
    projects.set('p_1', record)
    record.set('name', '锂电材料')
    record.set('name', '锂电材料二期')
    const item = record._map.get('name')
    expect(item).toBeInstanceOf(Y.Item)
    expect(item?.deleted).toBe(false)
    expect(item?.parentSub).toBe('name')
    expect(item?.content.getContent()).toEqual(['锂电材料二期'])
    // The overwritten value is an earlier, deleted item the live one points back to.
    expect(item?.left?.deleted).toBe(true)
  })

  test("a nested map's _item is the item that holds it, keyed by its record id in the parent", () => {
    const doc = new Y.Doc()
    const projects = doc.getMap<Y.Map<unknown>>('projects')
    const record = new Y.Map<unknown>()
    projects.set('p_1', record)
    expect(record._item?.parentSub).toBe('p_1')
    expect(record._item?.parent).toBe(projects)
    expect(record._item?.content).toBeInstanceOf(Y.ContentType)
    expect(projects._item).toBeNull()
  })

  test('the struct store lists each client’s structs in clock order, with origin and right origin for items', () => {
    const doc = new Y.Doc()
    const record = new Y.Map<unknown>()
    doc.getMap('projects').set('p_1', record)
    record.set('name', '甲')
    record.set('unit', '工信局')
    const structs = doc.store.clients.get(doc.clientID) ?? []
    expect(structs.map((struct) => struct.id.clock)).toEqual([0, 1, 2])
    const last = structs[2]
    expect(last).toBeInstanceOf(Y.Item)
    if (!(last instanceof Y.Item)) return
    expect(last.parent).toBe(record)
    expect(last.origin).toBeNull()
    expect(last.rightOrigin).toBeNull()
    expect(last.length).toBe(1)
  })
})

describe('the ws internals a broadcast uses to frame once', () => {
  let server: WebSocketServer | undefined
  afterEach(() => server?.close())

  test("a server-side socket has an idle _sender with sendFrame, and Sender.frame's frames arrive whole", async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(server, 'listening')
    const accepted = once(server, 'connection')
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
    const [socket] = (await accepted) as [WebSocket]
    await once(client, 'open')
    const sender = (socket as unknown as { _sender?: { _state: number; _queue: unknown[]; sendFrame: (list: Buffer[]) => void } })._sender
    expect(sender?._state).toBe(0)
    expect(sender?._queue).toEqual([])
    expect(typeof sender?.sendFrame).toBe('function')

    type FrameFunction = (data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }) => Buffer[]
    const frame = (ws as unknown as { Sender: { frame: FrameFunction } }).Sender.frame
    const payload = Buffer.from('挂图作战')
    const received = once(client, 'message')
    sender?.sendFrame([Buffer.concat(frame(payload, { fin: true, rsv1: false, opcode: 0x02, mask: false, readOnly: false }))])
    const [data, isBinary] = (await received) as [Buffer, boolean]
    expect(isBinary).toBe(true)
    expect(Buffer.from(data).toString()).toBe('挂图作战')
    client.close()
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '@guatu/server/log'
import { BoardDocument } from '@guatu/server/sync/boardDocument'

function storedBoard() {
  const source = new Y.Doc()
  source.getMap('projects').set('p1', 'planning')
  const snapshot = Y.encodeStateAsUpdate(source)
  const stateVector = Y.encodeStateVector(source)
  return { source, stored: { snapshot, snapshotStateVector: stateVector, updates: [], lastSeq: 3 } }
}

function boardDocument(events: { built?: () => void; changed?: (update: Uint8Array) => void } = {}) {
  return new BoardDocument('b1', createLogger('silent'), { built: events.built ?? (() => {}), changed: events.changed ?? (() => {}) })
}

describe('board document', () => {
  it('answers with the stored bytes before it is built, and builds on first use of the document', () => {
    const { source, stored } = storedBoard()
    const document = boardDocument()
    document.load(stored)
    expect(document.isBuilt).toBe(false)
    expect(document.wholeState().state).toBe(stored.snapshot)
    expect(document.stateVector()).toEqual(stored.snapshotStateVector)
    expect(document.doc.getMap('projects').toJSON()).toEqual(source.getMap('projects').toJSON())
    expect(document.isBuilt).toBe(true)
    document.destroy()
  })

  it('after a change, a new client gets a fresh encoding that equals the document', () => {
    const { stored } = storedBoard()
    const changes: Uint8Array[] = []
    const document = boardDocument({ changed: (update) => changes.push(update) })
    document.load(stored)
    document.doc.getMap('projects').set('p2', 'signed')
    expect(changes).toHaveLength(1)
    const { state } = document.wholeState()
    expect(state).not.toBe(stored.snapshot)
    const client = new Y.Doc()
    Y.applyUpdate(client, state)
    expect(client.getMap('projects').toJSON()).toEqual({ p1: 'planning', p2: 'signed' })
    document.destroy()
  })

  it('reports a received update as the bytes it came in, once: a second copy changes nothing and is not reported', () => {
    const { source, stored } = storedBoard()
    const changes: Uint8Array[] = []
    const document = boardDocument({ changed: (update) => changes.push(update) })
    document.load(stored)
    const edit = new Y.Doc()
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(source))
    let received: Uint8Array | undefined
    edit.on('update', (update: Uint8Array) => (received = update))
    edit.getMap('projects').set('p1', 'signed')
    document.applyReceived(received!, 'client')
    document.applyReceived(received!, 'client')
    expect(changes).toHaveLength(1)
    expect(changes[0]).toBe(received)
    // Other changes are still reported, encoded by Yjs.
    document.doc.getMap('projects').set('p3', 'started')
    expect(changes).toHaveLength(2)
    const client = new Y.Doc()
    Y.applyUpdate(client, document.wholeState().state)
    expect(client.getMap('projects').toJSON()).toEqual({ p1: 'signed', p3: 'started' })
    document.destroy()
  })

  it('builds by itself once the answer is sent, and never after it is destroyed', async () => {
    const { stored } = storedBoard()
    let builds = 0
    const live = boardDocument({ built: () => builds++ })
    live.load(stored)
    live.wholeState().sent()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(builds).toBe(1)

    const closed = boardDocument({ built: () => builds++ })
    closed.load(stored)
    const { sent } = closed.wholeState()
    closed.destroy()
    sent()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(builds).toBe(1)
    live.destroy()
  })
})

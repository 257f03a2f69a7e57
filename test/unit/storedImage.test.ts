import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { StoredImage } from '@guatu/server/sync/storedImage'

/** A document, a snapshot of it taken part way, and the updates it made after the snapshot. */
function history() {
  const doc = new Y.Doc()
  const other = new Y.Doc()
  doc.getMap('projects').set('a', 1)
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  other.getMap('projects').set('b', 2)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
  const base = Y.encodeStateAsUpdate(doc)
  const baseStateVector = Y.encodeStateVector(doc)
  const changes: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => changes.push(update))
  doc.getMap('projects').set('a', 3)
  doc.getMap('projects').delete('b')
  return { doc, base, baseStateVector, changes }
}

describe('stored image', () => {
  it('is the whole state as it is while nothing changed since the base, and not after', () => {
    const { base, baseStateVector } = history()
    const image = new StoredImage()
    image.reset(base, baseStateVector)
    expect(image.wholeState()).toBe(base)
    image.markChanged()
    expect(image.wholeState()).toBeUndefined()
    expect(image.stateVector()).toBeUndefined()
  })

  it('hands its changes to the build once and keeps only the base, no longer the whole state', () => {
    const { base, baseStateVector, changes } = history()
    const image = new StoredImage()
    image.reset(base, baseStateVector, changes)
    expect(image.takeUpdates()).toEqual([base, ...changes])
    expect(image.takeUpdates()).toEqual([base])
    expect(image.wholeState()).toBeUndefined()
    expect(image.stateVector()).toBeUndefined()
  })

  it('is the whole state again after a reset to a fresh base', () => {
    const { doc, base, baseStateVector, changes } = history()
    const image = new StoredImage()
    image.reset(base, baseStateVector, changes)
    image.takeUpdates()
    const fresh = Y.encodeStateAsUpdate(doc)
    image.reset(fresh, Y.encodeStateVector(doc))
    expect(image.wholeState()).toBe(fresh)
  })

  it('works out the state vector from the stored one and the changes, without decoding the base', () => {
    const { doc, base, baseStateVector, changes } = history()
    const image = new StoredImage()
    image.reset(base, baseStateVector, changes)
    expect(Y.decodeStateVector(image.stateVector()!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
  })

  it('has no cheap state vector for a base stored without one', () => {
    const { base } = history()
    const image = new StoredImage()
    image.reset(base, null)
    expect(image.stateVector()).toBeUndefined()
  })

  it('rebuilds exactly the document from base and changes', () => {
    const { doc, base, baseStateVector, changes } = history()
    const image = new StoredImage()
    image.reset(base, baseStateVector, changes)
    const rebuilt = new Y.Doc()
    for (const update of image.takeUpdates()) Y.applyUpdate(rebuilt, update)
    expect(rebuilt.getMap('projects').toJSON()).toEqual(doc.getMap('projects').toJSON())
    expect(rebuilt.getMap('projects').toJSON()).toEqual({ a: 3 })
  })

  it('of an empty board is an empty document', () => {
    const image = new StoredImage()
    image.reset(null, null)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, image.wholeState()!)
    expect(doc.share.size).toBe(0)
    expect(Y.decodeStateVector(image.stateVector()!).size).toBe(0)
  })
})

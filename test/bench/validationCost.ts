import * as Y from 'yjs'
import { describeChanges } from '@guatu/server/audit/describeChanges'
import { UpdateJudge } from '@guatu/server/validation/updateJudge'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { writeRecordStamps } from '@guatu/shared/board/recordStamps'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { Principal } from '@guatu/shared/domain/principal'
import { STAGES } from '@guatu/shared/domain/stage'

const OFFICE: Principal = { kind: 'user', userId: 'u_office', username: 'office', displayName: '项目办', role: 'admin', units: [] }

export interface ValidationCost {
  /** Judge, history entries and the live apply, per card move, µs (median of the rounds). */
  moveUs: number
  /** The same for a problem raised (the candidate copy integrates it), µs. */
  problemUs: number
}

/**
 * What the server's judge costs per update, in process and without the network: the work between
 * a decoded websocket message and the commit queue, for card moves (read directly) and for
 * raised problems (integrated into the candidate copy, which first catches up with the moves).
 */
export function validationCost(projects: number, moves: number, rounds: number): ValidationCost {
  const moveFigures: number[] = []
  const problemFigures: number[] = []
  for (let round = 0; round < rounds; round++) {
    const live = new Y.Doc()
    seedBoardDoc(live, generateDemoLedger({ count: projects }))
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
    const ids = listProjects(client).map((project) => project.id)
    const moveUpdates: Uint8Array[] = []
    const problemUpdates: Uint8Array[] = []
    let target = moveUpdates
    client.on('update', (update: Uint8Array) => target.push(update))
    for (let i = 0; i < moves; i++) {
      moveProject(client, ids[(i * 7919) % ids.length]!, { stage: STAGES[i % STAGES.length]! })
      if (i % 50 === 49) {
        target = problemUpdates
        raiseProblem(client, ids[i % ids.length]!, { category: 'land', description: `用地问题${i}`, leadUnit: '自然资源局' }, OFFICE)
        target = moveUpdates
      }
    }
    const judge = new UpdateJudge(() => live, { clustered: false })
    // The copy is built once per board load, not per update: outside the timing.
    judge.judge(OFFICE, problemUpdates[0]!)
    let moveMs = 0
    let problemMs = 0
    let problemIndex = 0
    for (let i = 0; i < moveUpdates.length; i++) {
      moveMs += apply(judge, live, moveUpdates[i]!)
      if (i % 50 === 49 && problemIndex < problemUpdates.length) problemMs += apply(judge, live, problemUpdates[problemIndex++]!)
    }
    moveFigures.push((moveMs * 1000) / moveUpdates.length)
    problemFigures.push((problemMs * 1000) / Math.max(1, problemIndex))
  }
  return { moveUs: median(moveFigures), problemUs: median(problemFigures) }
}

function apply(judge: UpdateJudge, live: Y.Doc, update: Uint8Array): number {
  const started = performance.now()
  const verdict = judge.judge(OFFICE, update)
  if (verdict.outcome !== 'accepted') throw new Error(`benchmark update not accepted: ${JSON.stringify(verdict)}`)
  describeChanges(live, verdict.effects)
  judge.accepted(verdict, OFFICE)
  Y.applyUpdate(live, update)
  let stamped = false
  const capture = () => (stamped = true)
  live.on('update', capture)
  writeRecordStamps(live, verdict.stamps, 'server')
  live.off('update', capture)
  if (stamped) judge.follow()
  return performance.now() - started
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

import { LaneGrouping, laneKeyOf } from '@guatu/shared/board/projectFilter'
import type { Project } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { StageCards } from '../filter/visibleColumns.ts'

/** One row of four cells. Without swimlanes the board is a single lane whose key is ''. */
export interface BoardLane {
  readonly key: string
  readonly cells: StageCards
  readonly count: number
}

const NO_LANE_KEY = ''

const byName = new Intl.Collator('zh-CN').compare

function sameCards(a: readonly Project[], b: readonly Project[]): boolean {
  return a.length === b.length && a.every((card, i) => card === b[i])
}

/**
 * Splits the visible columns into swimlanes (per 责任单位 or per first 包抓领导, as laneKeyOf
 * decides), lanes in pinyin order of their names. A lane whose cards are all unchanged returns its
 * previous object, so a remote edit in one unit re-renders that unit's row only.
 */
export function buildLanes(visible: StageCards, grouping: LaneGrouping, previous: readonly BoardLane[]): BoardLane[] {
  if (grouping === LaneGrouping.none) {
    const count = STAGES.reduce((sum, stage) => sum + visible[stage].length, 0)
    const old = previous.length === 1 ? previous[0] : undefined
    if (old && old.key === NO_LANE_KEY && STAGES.every((stage) => old.cells[stage] === visible[stage])) return [old]
    return [{ key: NO_LANE_KEY, cells: visible, count }]
  }
  const grouped = new Map<string, Record<Stage, Project[]>>()
  for (const stage of STAGES) {
    for (const project of visible[stage]) {
      const key = laneKeyOf(project, grouping)
      let cells = grouped.get(key)
      if (!cells) {
        cells = { planning: [], signed: [], started: [], producing: [] }
        grouped.set(key, cells)
      }
      cells[stage].push(project)
    }
  }
  const previousByKey = new Map(previous.map((lane) => [lane.key, lane]))
  return [...grouped.keys()].sort(byName).map((key) => {
    const cells = grouped.get(key) as Record<Stage, Project[]>
    const old = previousByKey.get(key)
    if (old && STAGES.every((stage) => sameCards(old.cells[stage], cells[stage]))) return old
    const reused = Object.fromEntries(
      STAGES.map((stage) => [stage, old && sameCards(old.cells[stage], cells[stage]) ? old.cells[stage] : cells[stage]]),
    ) as StageCards
    return { key, cells: reused, count: STAGES.reduce((sum, stage) => sum + cells[stage].length, 0) }
  })
}

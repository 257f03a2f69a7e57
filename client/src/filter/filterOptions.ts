import { INDUSTRIES, INDUSTRY_LABEL, type Industry } from '@guatu/shared/domain/industry'
import { NATURES, NATURE_LABEL, type Nature } from '@guatu/shared/domain/nature'
import { STAGES } from '@guatu/shared/domain/stage'
import type { BoardColumns } from '../sync/boardViewStore.ts'

export interface FilterOption<T extends string = string> {
  value: T
  label: string
}

/** The choices each filter offers: only values some project on the board has. */
export interface FilterOptions {
  units: readonly FilterOption[]
  leaders: readonly FilterOption[]
  industries: readonly FilterOption<Industry>[]
  clusters: readonly FilterOption[]
  natures: readonly FilterOption<Nature>[]
}

const byName = new Intl.Collator('zh-CN').compare

function textOptions(values: Set<string>): FilterOption[] {
  return [...values].sort(byName).map((value) => ({ value, label: value }))
}

/** Reads the plain view models (no Yjs, no validation): cheap enough to redo after every change. */
export function filterOptionsOf(columns: BoardColumns): FilterOptions {
  const units = new Set<string>()
  const leaders = new Set<string>()
  const clusters = new Set<string>()
  const industries = new Set<Industry>()
  const natures = new Set<Nature>()
  for (const stage of STAGES) {
    for (const project of columns[stage].cards) {
      units.add(project.unit)
      for (const leader of project.leaders) leaders.add(leader)
      if (project.cluster.trim()) clusters.add(project.cluster)
      if (project.industry) industries.add(project.industry)
      if (project.nature) natures.add(project.nature)
    }
  }
  return {
    units: textOptions(units),
    leaders: textOptions(leaders),
    clusters: textOptions(clusters),
    // Closed sets keep their ledger order (一产, 二产 …), not alphabetical.
    industries: INDUSTRIES.filter((value) => industries.has(value)).map((value) => ({ value, label: INDUSTRY_LABEL[value] })),
    natures: NATURES.filter((value) => natures.has(value)).map((value) => ({ value, label: NATURE_LABEL[value] })),
  }
}

/** Same options, same object: the filter bar's menus do not re-render when a card merely moves. */
export function sameOptions(a: FilterOptions, b: FilterOptions): boolean {
  const same = (x: readonly FilterOption[], y: readonly FilterOption[]) => x.length === y.length && x.every((option, i) => option.value === y[i]?.value)
  return same(a.units, b.units) && same(a.leaders, b.leaders) && same(a.industries, b.industries) && same(a.clusters, b.clusters) && same(a.natures, b.natures)
}

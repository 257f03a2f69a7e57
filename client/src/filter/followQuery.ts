import type { BoardQuery } from './boardQuery.ts'

/**
 * The query while following a 调度会: the person's own filter with 责任单位 replaced by the unit
 * reporting now. Not written to the address: following is live and local, and stepping out must
 * give back exactly the filter the person had.
 */
export function followQuery(query: BoardQuery, reportingUnit: string | undefined): BoardQuery {
  if (reportingUnit === undefined) return query
  return { ...query, filter: { ...query.filter, units: [reportingUnit] } }
}

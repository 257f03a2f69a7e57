import type * as Y from 'yjs'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { proposalFromMap } from '@guatu/shared/board/reviewQueries'
import { isProposalId, type Proposal, type ProposalId } from '@guatu/shared/domain/proposal'
import { REVIEWABLE_FIELDS } from '@guatu/shared/domain/reportingPeriod'
import { createProjectRecordIndex } from './projectRecordIndex.ts'

/** Proposals of one project; the same frozen empty list for every project without any. */
export const NO_PROPOSALS: readonly Proposal[] = Object.freeze([])

/** In the order of the card's fields (money, then stage, then 形象进度), as openProposalsOf lists them. */
const byField = (a: Proposal, b: Proposal) => REVIEWABLE_FIELDS.indexOf(a.field) - REVIEWABLE_FIELDS.indexOf(b.field)

/**
 * The `proposals` root as view models (see projectRecordIndex.ts): a card's 待审核 badge re-renders
 * only when its own project's proposals change, not on every transaction of the board.
 */
export function createProposalIndex(doc: Y.Doc, onChange: () => void) {
  return createProjectRecordIndex<Proposal>(
    doc,
    { collection: RecordCollection.proposals, isId: isProposalId, fromMap: (id, map) => proposalFromMap(id as ProposalId, map), compare: byField },
    NO_PROPOSALS,
    onChange,
  )
}

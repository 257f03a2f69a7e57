import { memo, useCallback } from 'react'
import type * as Y from 'yjs'
import { openProposalsOf } from '@guatu/shared/board/reviewQueries'
import { chinaMinute } from '@guatu/shared/domain/chinaTime'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import type { ProjectId } from '@guatu/shared/domain/project'
import { PROPOSAL_STATUS_LABEL, type Proposal } from '@guatu/shared/domain/proposal'
import { useReviewSnapshot } from './useReviewSnapshot.ts'

const fingerprint = (proposals: readonly Proposal[]) => proposals.map((proposal) => `${proposal.id}:${proposal.status}:${proposal.proposedAt}`).join('|')

/** 待审核 on a card: what a department proposed (a stage as "→ 开工"), who and when; 退回 with its reason. */
export const ProposalBadge = memo(function ProposalBadge({ projectId }: { projectId: ProjectId }) {
  const read = useCallback((doc: Y.Doc) => openProposalsOf(doc, projectId), [projectId])
  const proposals = useReviewSnapshot(read, fingerprint)
  if (proposals.length === 0) return null
  return (
    <ul className="proposal-badges" data-testid="card-proposals">
      {proposals.map((proposal) => (
        <li
          key={proposal.id}
          className={`proposal-badge proposal-${proposal.status}`}
          data-status={proposal.status}
          data-field={proposal.field}
          title={
            proposal.status === 'returned' ? `退回原因：${proposal.returnReason ?? ''}` : `${proposal.proposedByLabel} ${chinaMinute(proposal.proposedAt)}`
          }
        >
          {PROPOSAL_STATUS_LABEL[proposal.status]}：
          {proposal.field === 'stage'
            ? `→ ${formatFieldValue('stage', proposal.value)}`
            : `${PROJECT_FIELD_LABEL[proposal.field]} ${formatFieldValue(proposal.field, proposal.value)}`}
          <span className="proposal-who">
            {proposal.proposedByLabel} {chinaMinute(proposal.proposedAt)}
          </span>
        </li>
      ))}
    </ul>
  )
})

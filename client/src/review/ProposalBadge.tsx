import { memo, useMemo } from 'react'
import { chinaMinute } from '@guatu/shared/domain/chinaTime'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import type { ProjectId } from '@guatu/shared/domain/project'
import { PROPOSAL_STATUS_LABEL, ProposalStatus } from '@guatu/shared/domain/proposal'
import { useProjectProposals } from '../sync/useProjectProposals.ts'

/** 待审核 on a card: what a department proposed (a stage as "→ 开工"), who and when; 退回 with its reason. */
export const ProposalBadge = memo(function ProposalBadge({ projectId }: { projectId: ProjectId }) {
  const all = useProjectProposals(projectId)
  const proposals = useMemo(() => all.filter((proposal) => proposal.status !== ProposalStatus.confirmed), [all])
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

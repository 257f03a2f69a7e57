import { MONEY_FIELD_LABEL } from '@guatu/shared/domain/figureCheck'
import { memo, useContext } from 'react'
import { formatMoneyLabel } from '@guatu/shared/domain/money'
import { INDUSTRY_UNSET_LABEL } from '@guatu/shared/domain/industry'
import { NATURE_LABEL, NATURE_UNSET_LABEL } from '@guatu/shared/domain/nature'
import type { Project } from '@guatu/shared/domain/project'
import { ACTIVITY_LABEL, type ActivityMark } from '../presence/activityMarks.ts'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Problem } from '@guatu/shared/domain/problem'
import type { Notice } from '@guatu/shared/domain/notice'
import type { ProjectLightState } from '../lights/lightCache.ts'
import { LightBadge } from '../lights/LightBadge.tsx'
import { LightReasons } from '../lights/LightReasons.tsx'
import { lightTipId } from '../lights/lightTip.ts'
import { NoticeBadge } from '../notices/NoticeBadge.tsx'
import { ProposalBadge } from '../review/ProposalBadge.tsx'
import { BoardYearContext } from '../sync/boardYearContext.ts'
import { LockIcon } from './LockIcon.tsx'
import { ProblemBadge } from './ProblemBadge.tsx'
import './card.css'

/**
 * What a card shows, shared by the card on the board and the copy under the pointer. Memoized on
 * the project record: the view store keeps unchanged records identical, so a remote edit to one
 * project re-renders one card.
 */
export const CardBody = memo(function CardBody({
  project,
  mark,
  overlay = false,
  locked = false,
  problems,
  today,
  lights,
  notices,
}: {
  project: Project
  /** The card's automatic lights (cached per record, settings and day: lightCache.ts). */
  lights?: ProjectLightState | undefined
  /** The project's 督办单; open ones show as a badge. */
  notices?: readonly Notice[] | undefined
  /** The project's problems (the view store keeps the list identical while they are unchanged). */
  problems?: readonly Problem[] | undefined
  today?: IsoDate | undefined
  mark?: ActivityMark | undefined
  overlay?: boolean
  /** The principal may not edit this project: muted, with a lock mark. */
  locked?: boolean
}) {
  const boardYear = useContext(BoardYearContext)
  // A project carried over from earlier boards shows its years (2022—2023年): one project, several years.
  const years = project.firstYear !== undefined && project.firstYear < boardYear ? `${project.firstYear}—${boardYear}年` : undefined
  return (
    <div className={`card-body${overlay ? ' card-overlay' : ''}${mark ? ' card-marked' : ''}`} style={mark ? { outlineColor: mark.color } : undefined}>
      {mark && (
        <span className="card-mark" style={{ background: mark.color }}>
          {mark.names.join('、')} {ACTIVITY_LABEL[mark.kind]}
        </span>
      )}
      <div className="card-title-row">
        <h3 className="card-name">{project.name}</h3>
        {locked && (
          <span className="lock-tag" title="无权修改此项目" data-testid="card-lock">
            <LockIcon />
            只读
          </span>
        )}
        {project.nature ? (
          <span className={`nature-tag nature-${project.nature}`}>{NATURE_LABEL[project.nature]}</span>
        ) : (
          <span className="nature-tag nature-unset" data-testid="card-nature-unset" title="建设性质尚未填写">
            {NATURE_UNSET_LABEL}
          </span>
        )}
        {project.industry === undefined && (
          <span className="nature-tag nature-unset" data-testid="card-industry-unset" title="产业类别尚未填写，请项目办补充">
            {INDUSTRY_UNSET_LABEL}
          </span>
        )}
      </div>
      <p className="card-money" aria-label={`总投资 ${formatMoneyLabel(project.totalInvestment)}`}>
        {formatMoneyLabel(project.totalInvestment)}
      </p>
      {(project.projectCode !== undefined || years !== undefined) && (
        <p className="card-code">
          {project.projectCode !== undefined && (
            <span aria-label={`项目代码 ${project.projectCode}`} data-testid="card-project-code">
              {project.projectCode}
            </span>
          )}
          {years !== undefined && (
            <span className="card-years" title="跨年度项目：自首次列入年度看板起" data-testid="card-years">
              {years}
            </span>
          )}
        </p>
      )}
      {project.unconfirmedFigures && project.unconfirmedFigures.length > 0 && (
        <p className="card-unconfirmed" data-testid="card-unconfirmed">
          待确认：{project.unconfirmedFigures.map((field) => MONEY_FIELD_LABEL[field]).join('、')}（未计入合计）
        </p>
      )}
      <dl className="card-facts">
        <div>
          <dt>责任单位</dt>
          <dd>{project.unit}</dd>
        </div>
        <div>
          <dt>包抓领导</dt>
          <dd>{project.leaders.length > 0 ? project.leaders.join('、') : '—'}</dd>
        </div>
      </dl>
      {((lights && lights.worst !== 'green') || (notices && notices.length > 0)) && (
        <p className="card-alerts">
          {lights && lights.worst !== 'green' && <LightBadge light={lights.worst} />}
          {notices && <NoticeBadge notices={notices} />}
        </p>
      )}
      {problems && today && <ProblemBadge problems={problems} today={today} />}
      {!overlay && <ProposalBadge projectId={project.id} />}
      {!overlay && lights && lights.lights.length > 0 && (
        // Shown on hover and on keyboard focus of the card (board.css); the card's aria-describedby points here.
        <div className="card-light-tip" role="tooltip">
          <LightReasons id={lightTipId(project.id)} lights={lights.lights} />
        </div>
      )}
    </div>
  )
})

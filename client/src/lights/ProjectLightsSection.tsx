import { memo } from 'react'
import type { Project } from '@guatu/shared/domain/project'
import { LightBadge } from './LightBadge.tsx'
import { LightReasons } from './LightReasons.tsx'
import { useLightsOf } from './useLightsOf.ts'
import './lights.css'

/** 预警 in the project panel: the card's colour and every rule evaluated, green ones (on schedule) included. */
export const ProjectLightsSection = memo(function ProjectLightsSection({ project }: { project: Project }) {
  const { lights, worst } = useLightsOf()(project)
  return (
    <section className="panel-lights" aria-labelledby={`lights-title-${project.id}`} data-testid="panel-lights">
      <h3 id={`lights-title-${project.id}`}>
        预警
        {worst !== 'green' ? <LightBadge light={worst} /> : <span className="light-none">无预警</span>}
      </h3>
      {lights.length > 0 && <LightReasons lights={lights} />}
    </section>
  )
})

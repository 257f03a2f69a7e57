import { useMemo, useState } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { Light } from '@guatu/shared/progress/lights'
import { LightBadge } from '../lights/LightBadge.tsx'
import { useLightsOf } from '../lights/useLightsOf.ts'
import { noticeSeverity, openNoticeSummary } from '../notices/openNotices.ts'
import { useNoticesByProject } from '../sync/useNoticesByProject.ts'

const LIGHT_WEIGHT: Record<Light, number> = { red: 3, yellow: 2, blue: 1, green: 0 }

/**
 * 我的项目: the department's own projects, those that need it first — red and yellow lights, open
 * 督办单 — then by name; a search box for the name.
 */
export function PhoneProjectList({ projects, onOpen }: { projects: readonly Project[]; onOpen: (id: ProjectId) => void }) {
  const [search, setSearch] = useState('')
  const lightsOf = useLightsOf()
  const notices = useNoticesByProject()
  const rows = useMemo(() => {
    const needle = search.trim()
    return projects
      .filter((project) => needle === '' || project.name.includes(needle))
      .map((project) => ({ project, light: lightsOf(project).worst, notice: openNoticeSummary(notices.get(project.id) ?? []) }))
      .sort(
        (a, b) =>
          LIGHT_WEIGHT[b.light] +
            (b.notice ? 4 + noticeSeverity(b.notice.level) : 0) -
            (LIGHT_WEIGHT[a.light] + (a.notice ? 4 + noticeSeverity(a.notice.level) : 0)) || a.project.name.localeCompare(b.project.name, 'zh-CN'),
      )
  }, [projects, search, lightsOf, notices])
  return (
    <section className="phone-list" aria-labelledby="phone-my-projects">
      <h2 id="phone-my-projects">我的项目（{projects.length}）</h2>
      <label className="phone-label" htmlFor="phone-search">
        搜索项目
      </label>
      <input id="phone-search" type="search" inputMode="search" placeholder="输入项目名称" value={search} onChange={(event) => setSearch(event.target.value)} />
      <ul className="phone-projects">
        {rows.map(({ project, light, notice }) => (
          <li key={project.id}>
            <button type="button" className="phone-project-row" data-testid="phone-project-row" onClick={() => onOpen(project.id)}>
              <span className="phone-row-name">{project.name}</span>
              <span className="phone-row-meta">
                {STAGE_LABEL[project.stage]}
                {light !== Light.green && <LightBadge light={light} />}
                {notice && <span className={`phone-notice phone-notice-${notice.level}`}>{notice.label}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {rows.length === 0 && <p className="phone-note">没有符合的项目。</p>}
    </section>
  )
}

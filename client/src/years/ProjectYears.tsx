import { memo, useEffect, useState } from 'react'
import type { ProjectYears as ProjectYearsResponse } from '@guatu/shared/api/years'
import { AppLink } from '../app/AppLink.tsx'
import { projectHistoryPath } from '../app/route.ts'
import { fetchProjectYears } from './yearsApi.ts'

type Years = ProjectYearsResponse['years']

/**
 * 跨年度: the years a carried-over project has been on a board ("2022—2023年"), each earlier
 * board a link that opens the same project's panel and history there. Nothing is shown for a
 * project in its first year, or when the years cannot be read (the panel works without them).
 */
export const ProjectYears = memo(function ProjectYears({ boardId, projectId }: { boardId: string; projectId: string }) {
  const [years, setYears] = useState<Years>()
  useEffect(() => {
    let live = true
    fetchProjectYears(boardId, projectId).then(
      (answer) => live && setYears(answer.years),
      () => live && setYears(undefined),
    )
    return () => {
      live = false
    }
  }, [boardId, projectId])
  if (!years || years.length < 2) return null
  const sorted = [...years].sort((a, b) => a.year - b.year)
  const first = sorted[0]!.year
  const last = sorted[sorted.length - 1]!.year
  const earlier = sorted.filter((entry) => entry.boardId !== boardId).reverse()
  return (
    <section className="project-years" aria-labelledby={`years-title-${projectId}`} data-testid="project-years">
      <h3 id={`years-title-${projectId}`}>
        跨年度项目 <span data-testid="project-years-span">{first === last ? `${first}年` : `${first}—${last}年`}</span>
      </h3>
      <ul>
        {earlier.map((entry) => (
          <li key={entry.boardId}>
            <AppLink href={projectHistoryPath(entry.boardId, projectId)} data-testid="project-year-link">
              {entry.year}年 · {entry.name}：查看当年记录
            </AppLink>
          </li>
        ))}
      </ul>
    </section>
  )
})

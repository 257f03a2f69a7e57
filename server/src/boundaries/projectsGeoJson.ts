import type * as Y from 'yjs'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { wanToYiText } from '../ledger/parseMoney.ts'
import { STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { lightsByProject, worstLight, type Light } from '@guatu/shared/progress/lights'

/** One project as a GeoJSON point: what a GIS desk or another platform needs to draw 项目一张图. */
export interface ProjectPointFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: {
    name: string
    unit: string
    stage: Stage
    stageLabel: string
    /** The card's colour on the board's 数据截至 day: the worst automatic light, green when none. */
    light: Light
    /** 总投资, 亿元, as text to keep every 万元 exact. */
    investmentYi: string
    coordinateSource: string
  }
}

/** Every project with coordinates, as a FeatureCollection of points (WGS-84 / CGCS2000 lng, lat). */
export function projectsGeoJson(doc: Y.Doc, year: number): { type: 'FeatureCollection'; features: ProjectPointFeature[] } {
  const settings = readBoardSettings(doc, year)
  const projects = listProjects(doc)
  const lights = lightsByProject(projects, settings, boardToday(settings))
  const features: ProjectPointFeature[] = []
  for (const project of projects) {
    if (!project.coordinates) continue
    features.push({
      type: 'Feature',
      id: project.id,
      geometry: { type: 'Point', coordinates: [project.coordinates.lng, project.coordinates.lat] },
      properties: {
        name: project.name,
        unit: project.unit,
        stage: project.stage,
        stageLabel: STAGE_LABEL[project.stage],
        light: worstLight(lights.get(project.id) ?? []),
        investmentYi: wanToYiText(project.totalInvestment),
        coordinateSource: project.coordinates.source,
      },
    })
  }
  return { type: 'FeatureCollection', features }
}

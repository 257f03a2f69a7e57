import type * as Y from 'yjs'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { Project } from '@guatu/shared/domain/project'
import { wanToYiText } from '../ledger/parseMoney.ts'
import { STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { lightsByProject, worstLight, type Light } from '@guatu/shared/progress/lights'

/** What a GIS desk or another platform needs to draw 项目一张图, on the point and the outline alike. */
export interface ProjectFeatureProperties {
  name: string
  unit: string
  stage: Stage
  stageLabel: string
  /** The card's colour on the board's 数据截至 day: the worst automatic light, green when none. */
  light: Light
  /** 总投资, 亿元, as text to keep every 万元 exact. */
  investmentYi: string
}

/** One project as a GeoJSON point. */
export interface ProjectPointFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: ProjectFeatureProperties & { coordinateSource: string }
}

/**
 * One project's 项目范围 as a GeoJSON polygon, its ring closed as GeoJSON wants. Its id is the
 * project's with `#area`: a feature id is unique in a collection, and the point keeps the bare id.
 */
export interface ProjectAreaFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Polygon'; coordinates: [[number, number][]] }
  properties: ProjectFeatureProperties & { projectId: string; areaSource: string }
}

export type ProjectFeature = ProjectPointFeature | ProjectAreaFeature

/**
 * Every placed project as a point and, when it has one, its outline as a polygon after it
 * (WGS-84 / CGCS2000 lng, lat). A project with an outline and no point exports the outline alone.
 */
export function projectsGeoJson(doc: Y.Doc, year: number): { type: 'FeatureCollection'; features: ProjectFeature[] } {
  const features: ProjectFeature[] = []
  for (const { project, properties } of describedProjects(doc, year)) {
    if (project.coordinates)
      features.push({
        type: 'Feature',
        id: project.id,
        geometry: { type: 'Point', coordinates: [project.coordinates.lng, project.coordinates.lat] },
        properties: { ...properties, coordinateSource: project.coordinates.source },
      })
    if (project.area) {
      const ring = project.area.ring.map(([lng, lat]): [number, number] => [lng, lat])
      features.push({
        type: 'Feature',
        id: `${project.id}#area`,
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
        properties: { ...properties, projectId: project.id, areaSource: project.area.source },
      })
    }
  }
  return { type: 'FeatureCollection', features }
}

/** The points alone: what the server's map image draws. */
export function projectPointFeatures(doc: Y.Doc, year: number): ProjectPointFeature[] {
  return projectsGeoJson(doc, year).features.filter((feature): feature is ProjectPointFeature => feature.geometry.type === 'Point')
}

function describedProjects(doc: Y.Doc, year: number): Array<{ project: Project; properties: ProjectFeatureProperties }> {
  const settings = readBoardSettings(doc, year)
  const projects = listProjects(doc)
  const lights = lightsByProject(projects, settings, boardToday(settings))
  return projects
    .filter((project) => project.coordinates || project.area)
    .map((project) => ({
      project,
      properties: {
        name: project.name,
        unit: project.unit,
        stage: project.stage,
        stageLabel: STAGE_LABEL[project.stage],
        light: worstLight(lights.get(project.id) ?? []),
        investmentYi: wanToYiText(project.totalInvestment),
      },
    }))
}

import type * as Y from 'yjs'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import type { BoundaryService } from './boundaryService.ts'
import { renderMapPng, type MapImageArea } from './mapImage.ts'
import { projectPointFeatures, type ProjectPointFeature } from './projectsGeoJson.ts'

/** 项目范围 of the projects on the map, each in its point's light. */
function placedAreas(doc: Y.Doc, points: readonly ProjectPointFeature[]): MapImageArea[] {
  const lightOf = new Map(points.map((point) => [point.id, point.properties.light]))
  return listProjects(doc).flatMap((project) => {
    const light = lightOf.get(project.id)
    return project.area && light ? [{ id: project.id, ring: project.area.ring, light }] : []
  })
}

/** The figure's size: a 16:10 image that fills the text width of an A4 公文 page at print quality. */
const FIGURE_PX = { width: 1600, height: 1000 } as const

/**
 * The board's map as a PNG for a document (the minutes, the 月报), as the board stood at `at` (a
 * past moment, through 回头看) or now; undefined when no project has a place, or the moment is
 * beyond what history keeps. The caller has already checked that its reader may read the board.
 */
export type BoardMapImage = (boardId: string, at?: number) => Promise<Uint8Array | undefined>

export function boardMapImage(boards: BoardService, boundaries: BoundaryService): BoardMapImage {
  return async (boardId, at) => {
    try {
      const board = await boards.withDoc(
        boardId,
        (doc, record) => {
          const points = projectPointFeatures(doc, record.year)
          return { points, areas: placedAreas(doc, points), name: record.name }
        },
        at,
      )
      if (!board || board.points.length === 0) return undefined
      const { png } = await renderMapPng({
        title: `${board.name} 项目分布图`,
        boundaries: await boundaries.stored(boardId),
        points: board.points,
        areas: board.areas,
        ...FIGURE_PX,
      })
      return new Uint8Array(png)
    } catch (error) {
      // A moment older than the history kept has no board to draw: the document goes without its map.
      if (error instanceof RequestError && error.status === 404) return undefined
      throw error
    }
  }
}

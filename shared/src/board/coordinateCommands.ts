import type * as Y from 'yjs'
import { CoordinateSource, withinChina, type Coordinates } from '../domain/coordinates.ts'
import type { PhotoId } from '../domain/photo.ts'
import type { ProjectId } from '../domain/project.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { findPhoto } from './photoQueries.ts'
import { updateProject } from './projectCommands.ts'

/**
 * 坐标 commands. The point is one atomic value on the project (domain/coordinates.ts), a
 * DEPARTMENT field: the server lets the project's unit and the office write it, nobody else.
 */

/**
 * Places (or moves) a project: clicked on the map (`manual`), a photo's point, or typed in. The
 * point is written as ONE value, so two people placing the same project at once leave one whole
 * point, never one's 经度 beside the other's 纬度.
 */
export function placeProject(doc: Y.Doc, projectId: ProjectId, point: Coordinates, options: CommandOptions = {}): void {
  updateProject(doc, projectId, { coordinates: { lng: point.lng, lat: point.lat, source: point.source } }, options)
}

/** Takes the project off the map. */
export function clearProjectCoordinates(doc: Y.Doc, projectId: ProjectId, options: CommandOptions = {}): void {
  updateProject(doc, projectId, { coordinates: undefined }, options)
}

/**
 * The point of a 形象进度照片 (EXIF GPS or the phone's location at upload, both stamped by the
 * server), if it has one inside China: what "用照片定位" offers for the photo's project.
 */
export function coordinatesFromPhoto(doc: Y.Doc, photoId: PhotoId): Coordinates | undefined {
  const photo = findPhoto(doc, photoId)
  if (!photo || photo.lng === undefined || photo.lat === undefined || !withinChina(photo.lng, photo.lat)) return undefined
  return { lng: photo.lng, lat: photo.lat, source: CoordinateSource.photo }
}

/**
 * Sets the photo's project's point from the photo's GPS, marked as 照片定位. Only a photo of that
 * same project: a photo taken at one site does not place another. Throws {@link ProjectValidationError}
 * (Chinese) when the photo is not the project's, or has no usable location.
 */
export function placeProjectFromPhoto(doc: Y.Doc, projectId: ProjectId, photoId: PhotoId, options: CommandOptions = {}): Coordinates {
  const photo = findPhoto(doc, photoId)
  if (!photo || photo.projectId !== projectId) throw new ProjectValidationError('coordinates', '这张照片不属于此项目')
  const point = coordinatesFromPhoto(doc, photoId)
  if (!point) throw new ProjectValidationError('coordinates', '这张照片没有可用的定位信息（无 GPS 或不在中国境内）')
  updateProject(doc, projectId, { coordinates: point }, options)
  return point
}

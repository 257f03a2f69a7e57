import type * as Y from 'yjs'
import { columnMappingSchema, type ColumnMapping } from '../ledger/columnMapping.ts'
import { boardSettingsSchema, parseBoardSettings, type BoardSettings } from '../progress/boardSettings.ts'
import { reportingSettingsSchema, type ReportingSettings } from '../domain/reportingPeriod.ts'
import { parseStored } from '../domain/safeText.ts'
import { metaRoot } from './boardDoc.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'

/** Keys of the `meta` root. The whole settings object is one value: it is edited and checked as a whole. */
export const SettingKey = {
  boardSettings: 'settings',
  /** How the office maps the unknown columns of its ledger, remembered for next month's file. */
  columnMapping: 'ledgerColumns',
  /** The reporting cycle: cadence, deadline, reported and reviewed fields (domain/reportingPeriod.ts). */
  reporting: 'reporting',
  /**
   * When the office last changed its base map — uploaded 县界/乡镇 boundaries or set its tile
   * service (an ISO time). Written by the SERVER alone, so every open page, the wall included,
   * fetches the new boundaries and tile service without a reload.
   */
  boundariesVersion: 'boundariesVersion',
} as const
export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey]

export function isSettingKey(key: string): key is SettingKey {
  return (Object.values(SettingKey) as string[]).includes(key)
}

/** The board's settings, or the defaults for `year` when none (or none readable) are stored. */
export function readBoardSettings(doc: Y.Doc, year: number): BoardSettings {
  return parseBoardSettings(metaRoot(doc).get(SettingKey.boardSettings), year).settings
}

/** Replaces the board's settings (project office only; the server checks). */
export function writeBoardSettings(doc: Y.Doc, settings: BoardSettings, options: CommandOptions = {}): void {
  const parsed = boardSettingsSchema.safeParse(settings)
  if (!parsed.success) throw new ProjectValidationError('settings', parsed.error.issues[0]?.message ?? '设置无效')
  // Plain JSON: Yjs stores the object as one value, and `undefined` members must not reach it.
  const plain = JSON.parse(JSON.stringify(parsed.data)) as BoardSettings
  doc.transact(() => metaRoot(doc).set(SettingKey.boardSettings, plain), options.origin)
}

/** The ledger column choices the office made at its last import (ledger/columnMapping.ts); {} when none. */
export function readColumnMapping(doc: Y.Doc): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(metaRoot(doc).get(SettingKey.columnMapping))
  return parsed.success ? parsed.data : {}
}

/** Remembers the office's column choices for the next import (project office only; the server checks). */
export function writeColumnMapping(doc: Y.Doc, mapping: ColumnMapping, options: CommandOptions = {}): void {
  const parsed = columnMappingSchema.safeParse(mapping)
  if (!parsed.success) throw new ProjectValidationError('columnMapping', parsed.error.issues[0]?.message ?? '列映射无效')
  doc.transact(() => metaRoot(doc).set(SettingKey.columnMapping, { ...parsed.data }), options.origin)
}

/** The board's reporting cycle, or undefined when the office has not set one up (or it is unreadable). */
export function readReportingSettings(doc: Y.Doc): ReportingSettings | undefined {
  const parsed = parseStored(reportingSettingsSchema, metaRoot(doc).get(SettingKey.reporting))
  return parsed.success && parsed.data.enabled ? parsed.data : undefined
}

/** Sets up (or turns off) the reporting cycle (project office only; the server checks). */
export function writeReportingSettings(doc: Y.Doc, settings: ReportingSettings, options: CommandOptions = {}): void {
  const parsed = reportingSettingsSchema.safeParse(settings)
  if (!parsed.success) throw new ProjectValidationError('reporting', parsed.error.issues[0]?.message ?? '报送设置无效')
  doc.transact(() => metaRoot(doc).set(SettingKey.reporting, JSON.parse(JSON.stringify(parsed.data)) as ReportingSettings), options.origin)
}

/** The time of the last base-map change the server announced, or undefined (api/boundaries.ts, api/tileService.ts). */
export function readBoundariesVersion(doc: Y.Doc): string | undefined {
  const value = metaRoot(doc).get(SettingKey.boundariesVersion)
  return typeof value === 'string' && value.length <= 40 ? value : undefined
}

/** Announces a new boundary upload to every open page. The server's own write: a client's is refused. */
export function writeBoundariesVersion(doc: Y.Doc, version: string, options: CommandOptions = {}): void {
  doc.transact(() => metaRoot(doc).set(SettingKey.boundariesVersion, version), options.origin)
}

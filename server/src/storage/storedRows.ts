import { isRole } from '@guatu/shared/domain/role'
import type { NewUserRecord, ScreenLinkRecord, UserRecord } from '../accounts/accountStore.ts'
import type { StoredAuditEntry } from '../audit/auditRecord.ts'
import type { BoardRecord } from './boardStorage.ts'

/**
 * Rows as both databases return them, and their mapping to records: one table layout, two
 * dialects. SQLite gives 0/1 for booleans and numbers for integers; PostgreSQL gives booleans and
 * BIGINT as strings — the mappers accept both.
 */
type Bigint = number | string

export interface BoardRow {
  id: string
  name: string
  year: number
  created_at: string
  project_count: number
}

export interface AuditRow {
  id: Bigint
  project_id: string
  record_id: string | null
  at: string
  actor_id: string
  actor_label: string
  action: string
  field: string | null
  old_value: string | null
  new_value: string | null
}

export interface UserRow {
  id: string
  username: string
  display_name: string
  password_hash: string
  role: string
  units: string
  disabled: boolean | number
  created_at: string
  updated_at: string
  must_change_password: boolean | number
  password_changed_at: string | null
  last_login_at: string | null
  last_login_address: string | null
  previous_login_at: string | null
  previous_login_address: string | null
}

export interface ScreenLinkRow {
  id: string
  board_id: string
  name: string
  created_at: string
  expires_at: Bigint | null
  revoked_at: Bigint | null
}

export function toBoardRecord(row: BoardRow): BoardRecord {
  return { id: row.id, name: row.name, year: row.year, createdAt: row.created_at, projectCount: Number(row.project_count) }
}

/** History values are stored as JSON text; null stays SQL NULL. */
export function auditValueJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

export function toAuditEntry(row: AuditRow): StoredAuditEntry {
  return {
    id: Number(row.id),
    projectId: row.project_id,
    recordId: row.record_id,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action as StoredAuditEntry['action'],
    field: row.field,
    from: row.old_value === null ? null : (JSON.parse(row.old_value) as unknown),
    to: row.new_value === null ? null : (JSON.parse(row.new_value) as unknown),
  }
}

export function toUserRecord(row: UserRow): UserRecord {
  const units: unknown = JSON.parse(row.units)
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: isRole(row.role) ? row.role : 'viewer',
    units: Array.isArray(units) ? units.filter((unit): unit is string => typeof unit === 'string') : [],
    disabled: row.disabled === true || row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mustChangePassword: row.must_change_password === true || row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    lastLogin: row.last_login_at === null ? null : { at: row.last_login_at, address: row.last_login_address ?? '' },
    previousLogin: row.previous_login_at === null ? null : { at: row.previous_login_at, address: row.previous_login_address ?? '' },
  }
}

/** A new account as stored: its password set now, never signed in. */
export function newUserRecord(user: NewUserRecord, now: string): UserRecord {
  return {
    ...user,
    mustChangePassword: user.mustChangePassword ?? false,
    passwordChangedAt: now,
    lastLogin: null,
    previousLogin: null,
    createdAt: now,
    updatedAt: now,
  }
}

export function toScreenLinkRecord(row: ScreenLinkRow): ScreenLinkRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  }
}

/** A stored blob as a Uint8Array view, not a copy: a board's snapshot runs to megabytes. */
export function bytesOf(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)
}

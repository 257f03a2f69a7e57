import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type SqliteSyncMode = 'full' | 'normal'

/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`. Append only: a
 * released migration is never edited, a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     year INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     project_count INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE board_snapshots (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     state BLOB NOT NULL,
     upto_seq INTEGER NOT NULL
   );
   CREATE TABLE board_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id),
     data BLOB NOT NULL
   );
   CREATE INDEX board_updates_by_board ON board_updates (board_id, seq);`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     units TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id),
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users(id),
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE screen_links (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     board_id TEXT NOT NULL REFERENCES boards(id),
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at INTEGER,
     revoked_at INTEGER
   );
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id),
     project_id TEXT NOT NULL,
     at TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_label TEXT NOT NULL,
     action TEXT NOT NULL,
     field TEXT,
     old_value TEXT,
     new_value TEXT
   );
   CREATE INDEX audit_by_project ON audit_log (board_id, project_id, id);
   CREATE INDEX audit_by_board ON audit_log (board_id, id);`,
  `ALTER TABLE audit_log ADD COLUMN record_id TEXT;`,
  `ALTER TABLE board_snapshots ADD COLUMN state_vector BLOB;`,
  // Fewer pages written per commit: the update log keyed by (board, seq) in one B-tree, with the
  // numbers assigned by the writer from each board's head, and no AUTOINCREMENT counter for either
  // table (audit rows are never deleted, so their ids still only grow).
  `CREATE TABLE board_log (
     board_id TEXT NOT NULL REFERENCES boards(id),
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (board_id, seq)
   ) WITHOUT ROWID;
   INSERT INTO board_log (board_id, seq, data) SELECT board_id, seq, data FROM board_updates;
   DROP TABLE board_updates;
   ALTER TABLE board_log RENAME TO board_updates;
   CREATE TABLE audit_trail (
     id INTEGER PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     project_id TEXT NOT NULL,
     record_id TEXT,
     at TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_label TEXT NOT NULL,
     action TEXT NOT NULL,
     field TEXT,
     old_value TEXT,
     new_value TEXT
   );
   INSERT INTO audit_trail (id, board_id, project_id, record_id, at, actor_id, actor_label, action, field, old_value, new_value)
     SELECT id, board_id, project_id, record_id, at, actor_id, actor_label, action, field, old_value, new_value FROM audit_log;
   DROP TABLE audit_log;
   ALTER TABLE audit_trail RENAME TO audit_log;
   CREATE INDEX audit_by_project ON audit_log (board_id, project_id, id);
   CREATE INDEX audit_by_board ON audit_log (board_id, id);`,
  // Who introduced each Yjs client id to a board: only they may write under it (see ClientOwners).
  `CREATE TABLE board_clients (
     board_id TEXT NOT NULL REFERENCES boards(id),
     client_id INTEGER NOT NULL,
     principal_id TEXT NOT NULL,
     PRIMARY KEY (board_id, client_id)
   ) WITHOUT ROWID;`,
  // Single sign-on (统一身份认证): the office's 统一身份账号 of each account, one person one account,
  // and the sign-ins under way at the identity provider (see accounts/oidc/ssoStore.ts).
  `CREATE TABLE user_external_ids (
     user_id TEXT PRIMARY KEY REFERENCES users(id),
     external_id TEXT NOT NULL UNIQUE
   );
   CREATE TABLE pending_sign_ins (
     token_hash TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     nonce TEXT NOT NULL,
     code_verifier TEXT NOT NULL,
     redirect_uri TEXT NOT NULL,
     return_to TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  // 等保 account controls: forced password change, password age, last login shown to the user,
  // session start for the absolute lifetime, and the hash-chained security audit log with the
  // anchor that pruning leaves (see securityAudit/chain.ts).
  `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE users ADD COLUMN password_changed_at TEXT;
   ALTER TABLE users ADD COLUMN last_login_at TEXT;
   ALTER TABLE users ADD COLUMN last_login_address TEXT;
   ALTER TABLE users ADD COLUMN previous_login_at TEXT;
   ALTER TABLE users ADD COLUMN previous_login_address TEXT;
   -- Accounts from before count their password's age from their last change, the best known.
   UPDATE users SET password_changed_at = updated_at;
   ALTER TABLE sessions ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE security_audit (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     type TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_label TEXT NOT NULL,
     address TEXT NOT NULL,
     target TEXT NOT NULL,
     detail TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX security_audit_by_at ON security_audit (at);
   CREATE INDEX security_audit_by_target ON security_audit (target, type, at);
   CREATE TABLE security_audit_anchor (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     seq INTEGER NOT NULL,
     hash TEXT NOT NULL
   );`,
  // 回头看 (the board at any moment): each update carries the time the server committed it, and
  // compaction keeps a snapshot now and then beside the live one (see docs/board-schema.md).
  // Updates and snapshots from before this migration are dated to it: nothing earlier is known.
  `ALTER TABLE board_updates ADD COLUMN committed_at INTEGER;
   UPDATE board_updates SET committed_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000;
   CREATE TABLE board_history_snapshots (
     board_id TEXT NOT NULL REFERENCES boards(id),
     upto_seq INTEGER NOT NULL,
     taken_at INTEGER NOT NULL,
     state BLOB NOT NULL,
     compressed INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (board_id, upto_seq)
   ) WITHOUT ROWID;
   CREATE INDEX board_history_snapshots_by_time ON board_history_snapshots (board_id, taken_at);
   INSERT INTO board_history_snapshots (board_id, upto_seq, taken_at, state)
     SELECT board_id, upto_seq, CAST(strftime('%s', 'now') AS INTEGER) * 1000, state FROM board_snapshots;`,
  // Reminders (server/src/reminders): channels with their secrets, the outbox keyed by
  // reminderKey so an event is recorded once, and the delivery log.
  `CREATE TABLE reminder_channels (
     board_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     kind TEXT NOT NULL,
     target TEXT NOT NULL,
     secret TEXT,
     mode TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     updated_by_label TEXT NOT NULL,
     PRIMARY KEY (board_id, unit, kind)
   ) WITHOUT ROWID;
   CREATE TABLE reminder_events (
     event_key TEXT PRIMARY KEY,
     board_id TEXT NOT NULL,
     created_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE reminder_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     event_key TEXT NOT NULL REFERENCES reminder_events(event_key),
     board_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     kind TEXT NOT NULL,
     mode TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     not_before INTEGER NOT NULL,
     lease_until INTEGER NOT NULL DEFAULT 0,
     UNIQUE (event_key, kind)
   );
   CREATE INDEX reminder_deliveries_due ON reminder_deliveries (status, not_before);
   CREATE TABLE reminder_delivery_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     kind TEXT NOT NULL,
     at TEXT NOT NULL,
     subject TEXT NOT NULL,
     ok INTEGER NOT NULL,
     answer TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     status TEXT NOT NULL
   );
   CREATE INDEX reminder_delivery_log_by_board ON reminder_delivery_log (board_id, id);`,
  // The office's base map (storage/boundaryStore.ts): one row per board, replaced whole.
  `CREATE TABLE board_boundaries (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     body TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // The office's optional tile service (storage/tileServiceStore.ts): no row means tiles are off.
  `CREATE TABLE board_tile_services (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     url_template TEXT NOT NULL,
     attribution TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
]

/**
 * Opens (and migrates) the embedded database: one SQLite file in WAL mode.
 *
 * `normal` (the default): every commit is written into the log, through the operating system,
 * before the server broadcasts it, so a crash or `kill -9` of the server loses nothing a client
 * has seen (rule 3). A power cut of the machine can lose the commits since the last checkpoint's
 * fsync: with the background checkpointer (walCheckpointer.ts) about the last second.
 * `full` adds an fsync to every commit so that a power cut loses nothing either: on a virtual
 * disk about 1 ms per commit, with tails of 5–15 ms, on the path of every broadcast.
 */
export function openSqliteDatabase(dataDir: string, syncMode: SqliteSyncMode = 'normal'): Database.Database {
  const db = openSqliteFile(dataDir, syncMode)
  migrateSqliteDatabase(db)
  return db
}

/** The database file with its connection settings, schema as found. */
export function openSqliteFile(dataDir: string, syncMode: SqliteSyncMode = 'normal'): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new Database(path.join(dataDir, 'guatu.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${syncMode === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

/** Brings the schema to `version` (by default the latest); a test may stop earlier to build an old database. */
export function migrateSqliteDatabase(db: Database.Database, version = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number
  db.transaction(() => {
    for (let next = current; next < version; next++) db.exec(MIGRATIONS[next]!)
    db.pragma(`user_version = ${Math.max(current, version)}`)
  })()
}

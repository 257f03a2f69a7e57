import pg from 'pg'

/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. Append only: a released
 * migration is never edited, a change is a new entry. The tables mirror sqliteDatabase.ts; the
 * differences are PostgreSQL's types and the per-board `last_seq` that orders appends (see
 * postgresStorage.ts).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     year INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     project_count INTEGER NOT NULL DEFAULT 0,
     last_seq BIGINT NOT NULL DEFAULT 0
   );
   CREATE TABLE board_snapshots (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     state BYTEA NOT NULL,
     upto_seq BIGINT NOT NULL
   );
   CREATE SEQUENCE board_update_seq;
   CREATE TABLE board_updates (
     board_id TEXT NOT NULL REFERENCES boards(id),
     seq BIGINT NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (board_id, seq)
   );`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     units TEXT NOT NULL,
     disabled BOOLEAN NOT NULL DEFAULT FALSE,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id),
     expires_at BIGINT NOT NULL
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
     expires_at BIGINT,
     revoked_at BIGINT
   );
   CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
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
   CREATE INDEX audit_by_project ON audit_log (board_id, project_id, id);
   CREATE INDEX audit_by_board ON audit_log (board_id, id);`,
  `ALTER TABLE board_snapshots ADD COLUMN state_vector BYTEA;`,
  // Who introduced each Yjs client id to a board: only they may write under it (see ClientOwners).
  `CREATE TABLE board_clients (
     board_id TEXT NOT NULL REFERENCES boards(id),
     client_id BIGINT NOT NULL,
     principal_id TEXT NOT NULL,
     PRIMARY KEY (board_id, client_id)
   );`,
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
     expires_at BIGINT NOT NULL
   );`,
  // 等保 account controls: forced password change, password age, last login shown to the user,
  // session start for the absolute lifetime, and the hash-chained security audit log with the
  // anchor that pruning leaves (see securityAudit/chain.ts).
  `ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
   ALTER TABLE users ADD COLUMN password_changed_at TEXT;
   ALTER TABLE users ADD COLUMN last_login_at TEXT;
   ALTER TABLE users ADD COLUMN last_login_address TEXT;
   ALTER TABLE users ADD COLUMN previous_login_at TEXT;
   ALTER TABLE users ADD COLUMN previous_login_address TEXT;
   -- Accounts from before count their password's age from their last change, the best known.
   UPDATE users SET password_changed_at = updated_at;
   ALTER TABLE sessions ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
   CREATE TABLE security_audit (
     seq BIGINT PRIMARY KEY,
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
     seq BIGINT NOT NULL,
     hash TEXT NOT NULL
   );`,
  // 回头看: as in sqliteDatabase.ts. `last_committed_at` keeps a board's commit times from going
  // backwards when processes' clocks differ by a little (appends to a board are serialized).
  `ALTER TABLE board_updates ADD COLUMN committed_at BIGINT;
   UPDATE board_updates SET committed_at = (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT;
   ALTER TABLE boards ADD COLUMN last_committed_at BIGINT NOT NULL DEFAULT 0;
   CREATE TABLE board_history_snapshots (
     board_id TEXT NOT NULL REFERENCES boards(id),
     upto_seq BIGINT NOT NULL,
     taken_at BIGINT NOT NULL,
     state BYTEA NOT NULL,
     compressed BOOLEAN NOT NULL DEFAULT FALSE,
     PRIMARY KEY (board_id, upto_seq)
   );
   CREATE INDEX board_history_snapshots_by_time ON board_history_snapshots (board_id, taken_at);
   INSERT INTO board_history_snapshots (board_id, upto_seq, taken_at, state)
     SELECT board_id, upto_seq, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT, state FROM board_snapshots;`,
  // 形象进度照片 bytes (storage/postgresBlobStore.ts): pending until the record naming them is durable.
  `CREATE TABLE photo_blobs (
     board_id TEXT NOT NULL,
     blob_id TEXT NOT NULL,
     variant TEXT NOT NULL,
     data BYTEA NOT NULL,
     pending BOOLEAN NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (board_id, blob_id, variant)
   );
   CREATE INDEX photo_blobs_pending ON photo_blobs (board_id, blob_id) WHERE pending;`,
  // Reminders: as in sqliteDatabase.ts. The primary key of reminder_events is what keeps one
  // message per event when every process of a cluster finds the same event.
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
   );
   CREATE TABLE reminder_events (
     event_key TEXT PRIMARY KEY,
     board_id TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE reminder_deliveries (
     id BIGSERIAL PRIMARY KEY,
     event_key TEXT NOT NULL REFERENCES reminder_events(event_key),
     board_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     kind TEXT NOT NULL,
     mode TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     not_before BIGINT NOT NULL,
     lease_until BIGINT NOT NULL DEFAULT 0,
     UNIQUE (event_key, kind)
   );
   CREATE INDEX reminder_deliveries_due ON reminder_deliveries (status, not_before);
   CREATE TABLE reminder_delivery_log (
     id BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     kind TEXT NOT NULL,
     at TEXT NOT NULL,
     subject TEXT NOT NULL,
     ok BOOLEAN NOT NULL,
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
  // Group commit in one round trip (postgresStorage.ts appendUpdates): the boards' rows stay locked
  // for as long as the server works, not for seven client round trips. Same steps, same order.
  `CREATE FUNCTION guatu_append_updates(
     p_boards TEXT[], p_data BYTEA[], p_received BIGINT[], p_now BIGINT,
     a_board TEXT[], a_project TEXT[], a_record TEXT[], a_at TEXT[], a_actor_id TEXT[], a_actor_label TEXT[],
     a_action TEXT[], a_field TEXT[], a_old TEXT[], a_new TEXT[],
     c_board TEXT[], c_client BIGINT[], c_principal TEXT[]
   ) RETURNS TABLE (out_board_id TEXT, out_previous_seq BIGINT, out_last_seq BIGINT)
   LANGUAGE plpgsql AS $fn$
   DECLARE
     wanted TEXT[];
     locked TEXT[];
     seqs BIGINT[];
     committed BIGINT[] := ARRAY[]::BIGINT[];
     latest BIGINT;
   BEGIN
     -- Lock the boards' rows in id order (two batches never deadlock), then draw sequence numbers:
     -- a board's numbers grow in commit order across processes.
     SELECT array_agg(DISTINCT b ORDER BY b) INTO wanted FROM unnest(p_boards) AS b;
     SELECT array_agg(id ORDER BY id) INTO locked FROM (SELECT id FROM boards WHERE id = ANY(wanted) ORDER BY id FOR UPDATE) AS heads;
     IF locked IS DISTINCT FROM wanted THEN
       RAISE EXCEPTION 'append to unknown board %', array_to_string(ARRAY(SELECT unnest(wanted) EXCEPT SELECT unnest(locked)), ', ');
     END IF;
     SELECT array_agg(s ORDER BY s) INTO seqs FROM (SELECT nextval('board_update_seq') AS s FROM generate_series(1, cardinality(p_boards))) AS drawn;
     -- Never before a board's previous stamp, so commit times grow with sequence numbers.
     SELECT GREATEST(0, MAX(last_committed_at)) INTO latest FROM boards WHERE id = ANY(wanted);
     FOR i IN 1 .. cardinality(p_boards) LOOP
       latest := GREATEST(latest, COALESCE(p_received[i], p_now));
       committed := committed || latest;
     END LOOP;
     INSERT INTO board_updates (board_id, seq, data, committed_at) SELECT * FROM unnest(p_boards, seqs, p_data, committed);
     IF cardinality(a_board) > 0 THEN
       INSERT INTO audit_log (board_id, project_id, record_id, at, actor_id, actor_label, action, field, old_value, new_value)
       SELECT * FROM unnest(a_board, a_project, a_record, a_at, a_actor_id, a_actor_label, a_action, a_field, a_old, a_new);
     END IF;
     IF cardinality(c_board) > 0 THEN
       INSERT INTO board_clients (board_id, client_id, principal_id) SELECT * FROM unnest(c_board, c_client, c_principal) ON CONFLICT DO NOTHING;
     END IF;
     RETURN QUERY
       WITH previous AS (SELECT id, last_seq FROM boards WHERE id = ANY(wanted)),
            heads AS (SELECT t.b, MAX(t.s) AS s FROM unnest(p_boards, seqs) AS t(b, s) GROUP BY t.b),
            moved AS (
              UPDATE boards SET last_seq = heads.s, last_committed_at = latest FROM heads WHERE boards.id = heads.b
              RETURNING boards.id, boards.last_seq
            )
       SELECT previous.id, previous.last_seq, moved.last_seq FROM previous JOIN moved ON moved.id = previous.id;
   END
   $fn$;`,
  // The office's optional tile service (storage/tileServiceStore.ts): no row means tiles are off.
  `CREATE TABLE board_tile_services (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     url_template TEXT NOT NULL,
     attribution TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
]

/** Any constant: the advisory lock that lets exactly one of several starting processes migrate. */
const MIGRATION_LOCK_KEY = 7_261_905_331

/** Connections per process: group commit needs one, compaction and catch-up reads a few more. */
const POOL_SIZE = 8

/**
 * Connects to PostgreSQL (`postgres://…`) and brings the schema up to date. Several processes may
 * start at once: the migration runs under a transaction-scoped advisory lock, so the second one
 * waits and then finds nothing left to do.
 */
export async function openPostgresPool(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 10_000 })
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  try {
    await migrate(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  return pool
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    for (let version = rows[0]?.version ?? 0; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!)
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, new Date().toISOString()])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** Any constant: serializes first-start work (demo board, first admin) of processes starting together. */
const STARTUP_LOCK_KEY = 7_261_905_332

/**
 * Runs `work` while holding a session-level advisory lock, so of several processes starting at
 * once only one creates the first admin and the demo board, and the others find them.
 */
export async function underStartupLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY])
    try {
      return await work()
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY])
    }
  } finally {
    client.release()
  }
}

/** Runs `work` in one transaction on one pooled connection; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than handed to the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true))
    throw error
  } finally {
    client.release(broken)
  }
}

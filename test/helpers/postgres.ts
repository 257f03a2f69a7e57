import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * The machine's PostgreSQL server (trust auth), overridable with GUATU_TEST_POSTGRES_URL. Tests
 * never use a database of their own name: each run creates `guatu_test_<random>` and drops it.
 */
export const POSTGRES_ADMIN_URL = process.env.GUATU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  name: string
  /** postgres://…/guatu_test_<random> */
  url: string
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>
}

/** Creates a fresh, empty database; the caller drops it (registered with deferCleanup by most callers). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `guatu_test_${randomBytes(6).toString('hex')}`
  await withAdmin(async (admin) => {
    await admin.query(`CREATE DATABASE ${name}`)
  })
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }),
  }
}

async function withAdmin(work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `cannot reach PostgreSQL at ${POSTGRES_ADMIN_URL} (${(error as Error).message}); start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or set GUATU_TEST_POSTGRES_URL',
    )
  }
  try {
    await work(admin)
  } finally {
    await admin.end()
  }
}

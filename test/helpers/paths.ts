import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const HELPERS_DIR = path.dirname(fileURLToPath(import.meta.url))

export const REPO_ROOT = path.resolve(HELPERS_DIR, '..', '..')
export const SERVER_ENTRY = path.join(REPO_ROOT, 'server', 'dist', 'main.js')
export const CLIENT_DIST = path.join(REPO_ROOT, 'client', 'dist')
/** Screenshots and traces; gitignored. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test', 'artifacts')
/** Debian's chromium, or the one `GUATU_CHROMIUM` names (scripts/ensure-chromium.sh checks the same path). */
export const CHROMIUM_PATH = process.env.GUATU_CHROMIUM || '/usr/bin/chromium'

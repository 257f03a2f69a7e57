import { config } from 'zod'

/**
 * zod compiles object parsers with `new Function` when it may, and probes whether it may by trying
 * once. Under the server's Content-Security-Policy (no 'unsafe-eval') that probe is a reported
 * violation on every page load. The browser parses little (API answers, stored records), so the
 * interpreted parser costs nothing noticeable. Imported first by main.tsx, before any parse.
 */
config({ jitless: true })

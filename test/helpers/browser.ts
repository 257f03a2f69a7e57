import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { deferCleanup } from './cleanup.ts'
import { ARTIFACTS_DIR } from './paths.ts'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Launches Debian's chromium headless through playwright-core; closed when the test (or file) ends. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  deferCleanup(() => browser.close())
  return browser
}

/** Where to save a screenshot or trace; the directory (test/artifacts, gitignored) is created. */
export async function artifactPath(fileName: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true })
  return path.join(ARTIFACTS_DIR, fileName)
}

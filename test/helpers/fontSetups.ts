import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deferCleanup } from './cleanup.ts'

/**
 * The two machines the layout must hold on: one with Debian's fonts-noto-cjk (what the test setup
 * installs, and what most offices' PCs resemble), and one with no CJK font at all (a fresh 信创
 * machine), where only the wall's bundled webfont draws Chinese. Nobody uninstalls a package on a
 * shared machine: the second one is the same system seen through a fontconfig file that rejects
 * the Noto CJK directory, handed to that one Chromium process.
 */
export const FontSetup = { systemCjk: 'systemCjk', noSystemCjk: 'noSystemCjk' } as const
export type FontSetup = (typeof FontSetup)[keyof typeof FontSetup]

export const FONT_SETUPS: readonly FontSetup[] = [FontSetup.systemCjk, FontSetup.noSystemCjk]

/** Where Debian's fonts-noto-cjk puts its faces (`dpkg -L fonts-noto-cjk`). */
export const SYSTEM_CJK_FONT_DIR = '/usr/share/fonts/opentype/noto'

/** The system configuration, minus every face under SYSTEM_CJK_FONT_DIR. */
function fontconfigWithoutSystemCjk(): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="no">/etc/fonts/fonts.conf</include>
  <selectfont>
    <rejectfont>
      <glob>${SYSTEM_CJK_FONT_DIR}/*</glob>
    </rejectfont>
  </selectfont>
</fontconfig>
`
}

/** Environment for a Chromium process that sees `setup`'s fonts; the file is removed after the test. */
export async function fontEnvironment(setup: FontSetup): Promise<Record<string, string>> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
  switch (setup) {
    case FontSetup.systemCjk:
      return inherited
    case FontSetup.noSystemCjk: {
      const dir = await mkdtemp(path.join(tmpdir(), 'guatu-fonts-'))
      deferCleanup(() => rm(dir, { recursive: true, force: true }))
      const file = path.join(dir, 'fonts.conf')
      await writeFile(file, fontconfigWithoutSystemCjk())
      return { ...inherited, FONTCONFIG_FILE: file }
    }
  }
}

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * The 公文 fonts the Word file names, and what to draw them with on a server that lacks them: the
 * real font first when installed, else Noto Serif / Sans CJK SC (Debian's fonts-noto-cjk). Without
 * this, LibreOffice falls back to whichever CJK font fontconfig lists first — on Debian the
 * Japanese cut of Noto Sans, whose forms of some characters are not the Chinese ones.
 */
const FONT_SUBSTITUTES: Record<string, readonly string[]> = {
  仿宋: ['FangSong', '仿宋_GB2312', 'Noto Serif CJK SC'],
  楷体: ['KaiTi', '楷体_GB2312', 'AR PL UKai CN', 'Noto Serif CJK SC'],
  黑体: ['SimHei', 'Noto Sans CJK SC'],
  宋体: ['SimSun', 'Noto Serif CJK SC'],
  方正小标宋简体: ['FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC'],
}

function fontConfig(): string {
  const aliases = Object.entries(FONT_SUBSTITUTES).map(
    ([family, prefer]) =>
      `  <alias binding="same"><family>${family}</family><prefer>${prefer.map((name) => `<family>${name}</family>`).join('')}</prefer></alias>`,
  )
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...aliases,
    '</fontconfig>',
    '',
  ].join('\n')
}

/** A conversion taking longer than this is stuck (a first start of LibreOffice takes a few seconds). */
const CONVERT_TIMEOUT_MS = 120_000

/** Why a PDF could not be made, in words for the office; `installed` false when LibreOffice is missing. */
export class PdfUnavailableError extends Error {
  constructor(
    message: string,
    readonly installed: boolean,
  ) {
    super(message)
    this.name = 'PdfUnavailableError'
  }
}

/**
 * Renders a .docx as PDF with LibreOffice headless (`soffice --convert-to pdf`), so the PDF is the
 * Word file as printed, not a second layout to keep in step. Conversions run one at a time: each
 * starts a whole office suite, and the machine also serves the meeting. Each uses its own profile
 * directory, because two LibreOffice processes sharing one wait on each other's lock.
 */
export class DocxToPdf {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly command: string) {}

  convert(docx: Uint8Array, baseName: string): Promise<Uint8Array> {
    const next = this.queue.then(() => this.convertNow(docx, baseName))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async convertNow(docx: Uint8Array, baseName: string): Promise<Uint8Array> {
    const dir = await mkdtemp(path.join(tmpdir(), 'guatu-pdf-'))
    try {
      const source = path.join(dir, `${baseName}.docx`)
      await writeFile(source, docx)
      const fonts = path.join(dir, 'fonts.conf')
      await writeFile(fonts, fontConfig())
      const profile = pathToFileURL(path.join(dir, 'profile')).href
      await new Promise<void>((resolve, reject) => {
        execFile(
          this.command,
          [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, source],
          { timeout: CONVERT_TIMEOUT_MS, env: { ...process.env, HOME: dir, FONTCONFIG_FILE: fonts } },
          (error, _stdout, stderr) => {
            if (!error) return resolve()
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
              return reject(
                new PdfUnavailableError('服务器未安装 LibreOffice，无法生成PDF版会议纪要；请导出Word版，或请管理员安装 libreoffice-writer-nogui。', false),
              )
            }
            reject(
              new PdfUnavailableError(
                `PDF生成失败（LibreOffice：${String(stderr || error.message)
                  .trim()
                  .slice(0, 200)}），请导出Word版。`,
                true,
              ),
            )
          },
        )
      })
      try {
        return new Uint8Array(await readFile(path.join(dir, `${baseName}.pdf`)))
      } catch {
        throw new PdfUnavailableError('PDF生成失败（LibreOffice 未输出文件），请导出Word版。', true)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

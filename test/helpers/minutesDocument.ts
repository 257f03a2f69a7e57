import { expect } from 'vitest'
import type { TestServer } from './server.ts'
import { authHeaders } from './rest.ts'
import { zipTextEntries } from './zipEntries.ts'

/** Word's default heading blue (2E74B5, 1F3763 and the theme accents): never in a 公文. */
const WORD_BLUES = ['2E74B5', '1F3763', '4472C4', 'accent1']

export interface FetchedFile {
  status: number
  bytes: Uint8Array
  json?: { error?: string; officeInstalled?: boolean }
}

export async function fetchMinutesFile(server: TestServer, boardId: string, meetingId: string, extension: 'docx' | 'pdf'): Promise<FetchedFile> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/meetings/${meetingId}/minutes.${extension}`, { headers: authHeaders(server) })
  const bytes = new Uint8Array(await response.arrayBuffer())
  const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as FetchedFile['json']) : undefined
  return { status: response.status, bytes, json }
}

/** Paragraph texts of word/document.xml, in order (runs joined, tags dropped). */
export function docxParagraphs(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((match) => [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''))
    .map((text) => text.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'))
    .filter((text) => text.length > 0)
}

/**
 * Checks a minutes .docx has the 公文 layout: A4 with GB/T 9704 margins, black headings in 黑体 and
 * 楷体, 仿宋 body, page numbers on odd and even pages, and the header lines. Returns the paragraphs.
 */
export function expectGongwenDocx(bytes: Uint8Array): { paragraphs: string[]; documentXml: string } {
  expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b])
  const files = zipTextEntries(bytes)
  const documentXml = files.get('word/document.xml') ?? ''
  const styles = files.get('word/styles.xml') ?? ''
  // A4 portrait, margins 37/35/28/26 mm (in twips, to the nearest).
  expect(documentXml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/)
  expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/)
  for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5', 'Heading6']) {
    const style = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? ''
    expect(style, `${id} is defined in the document`).not.toBe('')
    expect(style, `${id} is black`).toContain('<w:color w:val="000000"/>')
  }
  for (const blue of WORD_BLUES) {
    const headingStyles = [...styles.matchAll(/<w:style w:type="paragraph" w:styleId="Heading\d">[\s\S]*?<\/w:style>/g)].join('')
    expect(documentXml.includes(blue) || headingStyles.includes(blue), `no heading or text in Word's ${blue}`).toBe(false)
  }
  expect(styles).toMatch(/w:eastAsia="仿宋"/)
  expect(documentXml).toMatch(/w:eastAsia="黑体"/)
  expect(documentXml).toMatch(/w:eastAsia="楷体"/)
  const footers = [...files.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml)
  expect(footers.length, 'odd and even page footers').toBeGreaterThanOrEqual(2)
  for (const footer of footers) expect(footer).toMatch(/PAGE/)
  expect(files.get('word/settings.xml') ?? '').toContain('<w:evenAndOddHeaders/>')
  return { paragraphs: docxParagraphs(documentXml), documentXml }
}

/** A PDF's page count, from its page objects (enough for LibreOffice's output). */
export function pdfPageCount(bytes: Uint8Array): number {
  return (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g)?.length ?? 0
  )
}

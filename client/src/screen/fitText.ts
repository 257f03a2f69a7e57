/**
 * Text on the wall display is never clipped by its box: a line that would not fit is shortened in
 * the text itself, with an ellipsis, before it is rendered. Widths are estimated in em: a CJK
 * character (and full-width punctuation) is one em, ASCII about 0.6 em in the CJK fonts the
 * display uses. The estimate errs wide, so a shortened line always fits.
 */
const ELLIPSIS = '…'
const NARROW_EM = 0.6
const WIDE_EM = 1

function charEm(char: string): number {
  const code = char.codePointAt(0) ?? 0
  return code < 0x2e80 ? NARROW_EM : WIDE_EM
}

export function textEm(text: string): number {
  let width = 0
  for (const char of text) width += charEm(char)
  return width
}

/** `text` unchanged when it fits in `maxEm`, otherwise its longest prefix that fits with "…". */
export function fitText(text: string, maxEm: number): string {
  if (textEm(text) <= maxEm) return text
  const budget = maxEm - WIDE_EM
  let width = 0
  let kept = ''
  for (const char of text) {
    const next = width + charEm(char)
    if (next > budget) break
    width = next
    kept += char
  }
  return `${kept}${ELLIPSIS}`
}

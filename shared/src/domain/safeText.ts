import { z } from 'zod'

/**
 * Code points XML 1.0 cannot carry, so no .xlsx or .docx could hold them: C0 controls other than
 * tab, newline and carriage return; the noncharacters U+FFFE and U+FFFF; and a UTF-16 surrogate
 * without its partner. (No `u` flag: surrogates must be seen one by one.)
 */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is matched
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const XML_UNSAFE_ALL = new RegExp(XML_UNSAFE.source, 'g')

/** The first character no export could hold, as `U+FFFE`, or undefined when the text is safe. */
export function xmlUnsafeCharacter(text: string): string | undefined {
  const found = XML_UNSAFE.exec(text)?.[0]
  return found === undefined ? undefined : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

export function isXmlSafeText(text: string): boolean {
  return !XML_UNSAFE.test(text)
}

/**
 * The text with every character an export cannot hold removed. For writing what is already stored
 * (by an older version, or straight into the database): a valid file matters more than a character
 * nobody can see.
 */
export function withoutXmlUnsafeCharacters(text: string): string {
  return isXmlSafeText(text) ? text : text.replace(XML_UNSAFE_ALL, '')
}

/** The Chinese refusal for text holding such a character. */
export function unsafeTextMessage(label: string, character: string): string {
  return `${label}含有不能保存的字符（${character}，控制字符或非字符），请删除后重试`
}

/** A zod refinement for any string schema: refuses text an export could not hold. */
export function refuseXmlUnsafe(label: string) {
  return (value: string, context: z.RefinementCtx) => {
    const character = xmlUnsafeCharacter(value)
    if (character) context.addIssue({ code: 'custom', message: unsafeTextMessage(label, character) })
  }
}

/** Free text of a record or a request: a string of at most `max` characters that every export can hold. */
export function plainText(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .superRefine(refuseXmlUnsafe(label))
}

/** The first string inside `value` (a field value: text, a list, a snapshot object) that an export could not hold. */
export function findXmlUnsafeText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return xmlUnsafeCharacter(value)
  if (depth > 8 || typeof value !== 'object' || value === null) return undefined
  for (const item of Array.isArray(value) ? value : Object.entries(value).flat()) {
    const found = findXmlUnsafeText(item, depth + 1)
    if (found) return found
  }
  return undefined
}

/** `value` with the unsafe characters removed from every string in it (text, lists, plain objects). */
export function withoutXmlUnsafeText(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutXmlUnsafeCharacters(value)
  if (depth > 8 || typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => withoutXmlUnsafeText(item, depth + 1))
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutXmlUnsafeCharacters(key), withoutXmlUnsafeText(item, depth + 1)]))
}

/**
 * Validates a value read from the board document. Text stored before the rule above (or written
 * straight into the database) fails the schema only for its unsafe characters: it is read with them
 * removed, so a project keeps its name and a meeting does not vanish from the minutes.
 */
export function parseStored<T extends z.ZodType>(schema: T, value: unknown): ReturnType<T['safeParse']> {
  const parsed = schema.safeParse(value) as ReturnType<T['safeParse']>
  if (parsed.success || findXmlUnsafeText(value) === undefined) return parsed
  return schema.safeParse(withoutXmlUnsafeText(value)) as ReturnType<T['safeParse']>
}

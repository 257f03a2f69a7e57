import { z } from 'zod'

/**
 * A schema for an answer whose deep domain shape (a ranking, a report, minutes) is defined once as a
 * TypeScript type in shared/ and computed by shared code on the server: the reader checks the parts
 * it relies on (`arrays`, `objects`) and takes the rest as typed. A server of another version whose
 * answer lacks them becomes an error where it is read, not a crash in a component far from the call.
 */
export function shapedAnswer<T>(what: string, shape: { arrays?: readonly string[]; objects?: readonly string[] }): z.ZodType<T> {
  return z.custom<T>(
    (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
      const record = value as Record<string, unknown>
      return (
        (shape.arrays ?? []).every((key) => Array.isArray(record[key])) &&
        (shape.objects ?? []).every((key) => typeof record[key] === 'object' && record[key] !== null && !Array.isArray(record[key]))
      )
    },
    { error: `${what}格式不正确` },
  )
}

import { checkProjectField, isOptionalProjectField, type ProjectField } from '@guatu/shared/domain/project'

/** checkProjectField, plus: an optional field (dates, 序号) may be cleared. */
export function validateField(field: ProjectField, value: unknown): string | undefined {
  if (value === undefined && isOptionalProjectField(field)) return undefined
  return checkProjectField(field, value)
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

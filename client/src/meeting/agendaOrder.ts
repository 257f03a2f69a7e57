/** The agenda with `unit` moved by `offset` places (−1 up, +1 down); unchanged at either end. */
export function moveInAgenda(agenda: readonly string[], unit: string, offset: -1 | 1): string[] {
  const from = agenda.indexOf(unit)
  const to = from + offset
  if (from < 0 || to < 0 || to >= agenda.length) return [...agenda]
  const next = [...agenda]
  next.splice(from, 1)
  next.splice(to, 0, unit)
  return next
}

/** Ticking a unit adds it at the end of the reporting order; unticking removes it. */
export function toggleInAgenda(agenda: readonly string[], unit: string, present: boolean): string[] {
  if (present) return agenda.includes(unit) ? [...agenda] : [...agenda, unit]
  return agenda.filter((entry) => entry !== unit)
}

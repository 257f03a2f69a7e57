import { useCallback, useState } from 'react'
import type { ProjectField } from '@guatu/shared/domain/project'
import type { TextCodec } from './textCodecs.ts'
import { sameValue, validateField } from './validateField.ts'

/**
 * The text a person is typing into one field. While they type, the box shows their draft and its
 * validation message; on blur a valid, changed value is written and the box follows the document
 * again — so a colleague's edit appears as soon as this person is not in the middle of typing.
 */
export function useFieldDraft(field: ProjectField, value: unknown, codec: TextCodec, commit: (value: unknown) => string | undefined) {
  const [draft, setDraft] = useState<string | null>(null)
  const [commitError, setCommitError] = useState<string | undefined>()
  const text = draft ?? codec.format(value)
  const parsed = draft === null ? value : codec.parse(draft)
  const error = (draft === null ? undefined : validateField(field, parsed)) ?? commitError

  const onChange = useCallback((next: string) => {
    setDraft(next)
    setCommitError(undefined)
  }, [])

  const finish = useCallback(() => {
    if (draft === null) return
    const next = codec.parse(draft)
    if (validateField(field, next)) return // keep the draft and its message on screen
    const problem = sameValue(next, value) ? undefined : commit(next)
    setCommitError(problem)
    if (!problem) setDraft(null)
  }, [codec, commit, draft, field, value])

  return { text, parsed, error, onChange, finish }
}

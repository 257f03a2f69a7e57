import { useCallback, useRef, useState } from 'react'
import type { ImportResult } from '@guatu/shared/api/ledgerImport'
import { commitImport, previewImport, type ImportOptions, type ImportPreview } from '../api/ledgerApi.ts'

export type LedgerImportState =
  | { status: 'idle' }
  /** `previous`: the preview being replaced after a change of choices, kept on screen meanwhile. */
  | { status: 'reading'; file: File; previous?: ImportPreview }
  | { status: 'preview'; file: File; preview: ImportPreview; message?: string }
  | { status: 'committing'; file: File; preview: ImportPreview }
  | { status: 'done'; result: ImportResult }
  | { status: 'failed'; message: string; file?: File }

const shownPreview = (state: LedgerImportState) => (state.status === 'preview' ? state.preview : state.status === 'reading' ? state.previous : undefined)

const messageOf = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback)

/**
 * 导入台账 in two steps: a dry run that shows what would happen, then the import itself. The file
 * is sent again on commit (the server keeps nothing between the two), and the server plans afresh:
 * if the board changed meanwhile so that a row now fails, nothing is written and the new preview
 * is shown instead.
 */
export function useLedgerImport(boardId: string) {
  const [state, setState] = useState<LedgerImportState>({ status: 'idle' })
  // The report date, sheets and column mapping the office chose: sent with every preview and the commit.
  const [options, setOptions] = useState<ImportOptions>({})
  // Choosing another file while one is being read: only the latest answer counts.
  const attempt = useRef(0)

  const read = useCallback(
    async (file: File, chosen: ImportOptions, keepPreview: boolean, offset = 0) => {
      const current = ++attempt.current
      setState((previous) => {
        const shown = keepPreview ? shownPreview(previous) : undefined
        return shown ? { status: 'reading', file, previous: shown } : { status: 'reading', file }
      })
      try {
        const preview = await previewImport(boardId, file, chosen, offset)
        if (current === attempt.current) setState({ status: 'preview', file, preview })
      } catch (error) {
        if (current === attempt.current) setState({ status: 'failed', message: messageOf(error, '读取台账失败'), file })
      }
    },
    [boardId],
  )

  /** A new file starts from nothing chosen: its sheets and headers may differ from the last one's. */
  const choose = useCallback(
    (file: File) => {
      setOptions({})
      return read(file, {}, false)
    },
    [read],
  )

  /** The office changed a choice in the preview: read the same file again with it. */
  const choosePreviewOptions = useCallback(
    (change: ImportOptions) => {
      if (!('file' in state) || !state.file) return
      const next = { ...options, ...change }
      setOptions(next)
      void read(state.file, next, true)
    },
    [options, read, state],
  )

  /** Another page of the preview's rows: the same file and choices, read again from `offset`. */
  const choosePage = useCallback(
    (offset: number) => {
      if (state.status !== 'preview') return
      void read(state.file, options, true, offset)
    },
    [options, read, state],
  )

  const commit = useCallback(async () => {
    if (state.status !== 'preview') return
    const { file, preview } = state
    const current = ++attempt.current
    setState({ status: 'committing', file, preview })
    try {
      const outcome = await commitImport(boardId, file, options)
      if (current !== attempt.current) return
      if (outcome.ok) setState({ status: 'done', result: outcome.result })
      else setState({ status: 'preview', file, preview: outcome.preview ?? preview, message: outcome.message })
    } catch (error) {
      if (current === attempt.current) setState({ status: 'failed', message: messageOf(error, '导入失败'), file })
    }
  }, [boardId, options, state])

  const reset = useCallback(() => {
    attempt.current += 1
    setOptions({})
    setState({ status: 'idle' })
  }, [])

  return { state, options, choose, choosePreviewOptions, choosePage, commit, reset }
}

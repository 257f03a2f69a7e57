import { useCallback, useRef, useState } from 'react'
import { commitImport, previewImport, type ImportPreview, type ImportResult } from '../api/ledgerApi.ts'

export type LedgerImportState =
  | { status: 'idle' }
  | { status: 'reading'; file: File }
  | { status: 'preview'; file: File; preview: ImportPreview; message?: string }
  | { status: 'committing'; file: File; preview: ImportPreview }
  | { status: 'done'; result: ImportResult }
  | { status: 'failed'; message: string; file?: File }

const messageOf = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback)

/**
 * 导入台账 in two steps: a dry run that shows what would happen, then the import itself. The file
 * is sent again on commit (the server keeps nothing between the two), and the server plans afresh:
 * if the board changed meanwhile so that a row now fails, nothing is written and the new preview
 * is shown instead.
 */
export function useLedgerImport(boardId: string) {
  const [state, setState] = useState<LedgerImportState>({ status: 'idle' })
  // Choosing another file while one is being read: only the latest answer counts.
  const attempt = useRef(0)

  const choose = useCallback(
    async (file: File) => {
      const current = ++attempt.current
      setState({ status: 'reading', file })
      try {
        const preview = await previewImport(boardId, file)
        if (current === attempt.current) setState({ status: 'preview', file, preview })
      } catch (error) {
        if (current === attempt.current) setState({ status: 'failed', message: messageOf(error, '读取台账失败'), file })
      }
    },
    [boardId],
  )

  const commit = useCallback(async () => {
    if (state.status !== 'preview') return
    const { file, preview } = state
    const current = ++attempt.current
    setState({ status: 'committing', file, preview })
    try {
      const outcome = await commitImport(boardId, file)
      if (current !== attempt.current) return
      if (outcome.ok) setState({ status: 'done', result: outcome.result })
      else setState({ status: 'preview', file, preview: outcome.preview ?? preview, message: outcome.message })
    } catch (error) {
      if (current === attempt.current) setState({ status: 'failed', message: messageOf(error, '导入失败'), file })
    }
  }, [boardId, state])

  const reset = useCallback(() => {
    attempt.current += 1
    setState({ status: 'idle' })
  }, [])

  return { state, choose, commit, reset }
}

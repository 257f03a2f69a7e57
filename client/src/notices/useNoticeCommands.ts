import { useMemo } from 'react'
import { closeNotice, escalateNotice, issueNotice, replyToNotice, type NewNotice } from '@guatu/shared/board/noticeCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { NoticeId } from '@guatu/shared/domain/notice'
import type { ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

function attempt(run: () => void, fallback: string): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : fallback
  }
}

/**
 * 督办单 commands for one project, each returning its Chinese failure instead of throwing. Issuing,
 * replying and closing are done in the signed-in principal's name; the server checks the claim
 * against the connection and attributes every step in the history.
 */
export function useNoticeCommands(projectId: ProjectId) {
  const { doc } = useBoardConnection()
  const principal = usePrincipal()
  return useMemo(
    () => ({
      issue: (notice: NewNotice) => attempt(() => issueNotice(doc, projectId, notice, principal), '下发督办单失败'),
      escalate: (id: NoticeId, deadline?: IsoDate) => attempt(() => escalateNotice(doc, id, deadline ? { deadline } : {}), '升级督办失败'),
      reply: (id: NoticeId, reply: string) => attempt(() => replyToNotice(doc, id, reply, principal), '答复失败'),
      close: (id: NoticeId) => attempt(() => closeNotice(doc, id, principal), '办结失败'),
    }),
    [doc, principal, projectId],
  )
}

export type NoticeCommands = ReturnType<typeof useNoticeCommands>

import { listDecisions, listMeetings } from '@guatu/shared/board/meetingQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { Meeting, MeetingId } from '@guatu/shared/domain/meeting'
import type { StoredAuditEntry } from '../audit/auditRecord.ts'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { Minutes } from '@guatu/shared/domain/minutes'
import { composeMinutes } from './minutes.ts'

const HISTORY_PAGE = 1_000

/** Meetings as the REST API shows them, and their minutes built from the board's history. */
export class MeetingService {
  constructor(
    private readonly boards: BoardService,
    private readonly storage: BoardStorage,
  ) {}

  async list(boardId: string): Promise<Meeting[] | undefined> {
    return this.boards.withDoc(boardId, (doc) => listMeetings(doc))
  }

  async minutes(boardId: string, meetingId: string): Promise<Minutes> {
    const snapshot = await this.boards.withDoc(boardId, (doc) => {
      const meeting = listMeetings(doc).find((candidate) => candidate.id === meetingId)
      return meeting && { meeting, decisions: listDecisions(doc, meeting.id as MeetingId), projects: listProjects(doc) }
    })
    if (snapshot === undefined) throw new RequestError(404, '看板不存在')
    if (!snapshot) throw new RequestError(404, '会议不存在')
    const history = await this.historyDuring(boardId, snapshot.meeting)
    return composeMinutes(snapshot.meeting, snapshot.decisions, history, snapshot.projects)
  }

  /** The board's history between the meeting's start and end (or now), oldest first. */
  private async historyDuring(boardId: string, meeting: Meeting): Promise<StoredAuditEntry[]> {
    const until = meeting.endedAt ?? new Date().toISOString()
    const collected: StoredAuditEntry[] = []
    let beforeId: number | undefined
    // Pages back from the newest entry until one older than the meeting: a past meeting's entries
    // may sit behind any amount of later work.
    for (;;) {
      const page = await this.storage.listHistory(boardId, { limit: HISTORY_PAGE, beforeId })
      for (const entry of page) if (entry.at >= meeting.startedAt && entry.at <= until) collected.push(entry)
      const oldest = page.at(-1)
      if (!oldest || page.length < HISTORY_PAGE || oldest.at < meeting.startedAt) break
      beforeId = oldest.id
    }
    return collected.reverse()
  }
}

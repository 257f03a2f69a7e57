import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { meetingFigures } from '@guatu/shared/board/meetingFigures'
import { listDecisions, listMeetings } from '@guatu/shared/board/meetingQueries'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import { resolveAsOf } from '@guatu/shared/progress/boardSettings'
import type { Meeting, MeetingId } from '@guatu/shared/domain/meeting'
import { AuditAction, type StoredAuditEntry } from '../audit/auditRecord.ts'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { Minutes } from '@guatu/shared/domain/minutes'
import { composeMinutes } from './minutes.ts'
import type { BoardComparison } from '@guatu/shared/api/lookback'
import { lastEndedMeeting } from '@guatu/shared/lookback/compareBoards'
import { boardChanges } from '../boards/boardChanges.ts'
import { minutesDocx } from './minutesDocx.ts'
import type { DocxToPdf } from './minutesPdf.ts'
import type { BoardMapImage } from '../boundaries/boardMapImage.ts'

const HISTORY_PAGE = 1_000
/** How far the chair's browser clock may be off the server's, for finding where to stop paging. */
const CLOCK_SKEW_MS = 10 * 60_000

/** Meetings as the REST API shows them, and their minutes built from the board's history. */
export class MeetingService {
  constructor(
    private readonly boards: BoardService,
    private readonly storage: BoardStorage,
    private readonly pdf: DocxToPdf,
    /** The board's map for the minutes; without it the minutes have no map. */
    private readonly mapImage?: BoardMapImage,
  ) {}

  async list(boardId: string): Promise<Meeting[] | undefined> {
    return this.boards.withDoc(boardId, (doc) => listMeetings(doc))
  }

  async minutes(boardId: string, meetingId: string): Promise<Minutes> {
    const snapshot = await this.boards.withDoc(boardId, (doc, record) => {
      const meeting = listMeetings(doc).find((candidate) => candidate.id === meetingId)
      if (!meeting) return null
      const projects = listProjects(doc)
      const problems = listProblems(doc)
      const settings = readBoardSettings(doc, record.year)
      // Only a running meeting needs the figures now; an ended one recorded its own at the end.
      const totalsNow = meeting.totalsAfter ?? meetingFigures({ projects, problems, settings, asOf: resolveAsOf(settings, todayInChina()) })
      return { meeting, decisions: listDecisions(doc, meeting.id as MeetingId), board: { projects, problems, notices: listNotices(doc), totalsNow } }
    })
    if (snapshot === undefined) throw new RequestError(404, '看板不存在')
    if (snapshot === null) throw new RequestError(404, '会议不存在')
    const history = await this.historyDuring(boardId, snapshot.meeting)
    return composeMinutes(snapshot.meeting, snapshot.decisions, history, snapshot.board, await this.lookback(boardId, snapshot.meeting))
  }

  /**
   * 回头看 for the minutes: the previous meeting's end → this meeting's start, with the previous
   * meeting's 确定事项. None for a first meeting, or when that moment lies beyond kept history.
   */
  private async lookback(boardId: string, meeting: Meeting): Promise<BoardComparison | null> {
    const previous = await this.boards.withDoc(boardId, (doc) => lastEndedMeeting(listMeetings(doc), meeting.startedAt))
    if (!previous?.endedAt) return null
    try {
      return (
        (await boardChanges(this.boards, boardId, { from: Date.parse(previous.endedAt), to: Date.parse(meeting.startedAt), filter: new URLSearchParams() })) ??
        null
      )
    } catch (error) {
      if (error instanceof RequestError && error.status === 404) return null
      throw error
    }
  }

  /** The minutes as Word, in the 公文 layout. */
  async minutesDocx(boardId: string, meetingId: string): Promise<{ minutes: Minutes; bytes: Uint8Array }> {
    const minutes = await this.minutes(boardId, meetingId)
    const endedAt = minutes.meeting.endedAt ? Date.parse(minutes.meeting.endedAt) : undefined
    const map = await this.mapImage?.(boardId, endedAt)
    return { minutes, bytes: await minutesDocx(minutes, map) }
  }

  /** The Word minutes rendered to PDF by LibreOffice; a 503-worthy PdfUnavailableError when it cannot. */
  async minutesPdf(boardId: string, meetingId: string): Promise<{ minutes: Minutes; bytes: Uint8Array }> {
    const { minutes, bytes } = await this.minutesDocx(boardId, meetingId)
    return { minutes, bytes: await this.pdf.convert(bytes, 'minutes') }
  }

  /**
   * The board's history from the meeting's start to its end (or now), oldest first. The bounds are
   * the server's own start and end entries, found by id: the meeting record's times come from the
   * chair's browser, and a 督办单 issued a moment before 结束会议 can be stamped by the server a few
   * milliseconds after the browser's end time. Record times (with a margin for clock skew) only
   * decide how far back to page, and are the bounds for a meeting whose entries are missing.
   */
  private async historyDuring(boardId: string, meeting: Meeting): Promise<StoredAuditEntry[]> {
    const from = new Date(Date.parse(meeting.startedAt) - CLOCK_SKEW_MS).toISOString()
    const collected: StoredAuditEntry[] = []
    let beforeId: number | undefined
    // Pages back from the newest entry until one older than the meeting: a past meeting's entries
    // may sit behind any amount of later work.
    for (;;) {
      const page = await this.storage.listHistory(boardId, { limit: HISTORY_PAGE, beforeId })
      for (const entry of page) if (entry.at >= from) collected.push(entry)
      const oldest = page.at(-1)
      if (!oldest || page.length < HISTORY_PAGE || oldest.at < from) break
      beforeId = oldest.id
    }
    collected.reverse()
    const isOwn = (entry: StoredAuditEntry, action: string) => entry.action === action && entry.recordId === meeting.id
    const start = collected.find((entry) => isOwn(entry, AuditAction.startMeeting))
    const end = collected.find((entry) => isOwn(entry, AuditAction.endMeeting))
    const until = meeting.endedAt ?? new Date().toISOString()
    return collected.filter(
      (entry) =>
        (start ? entry.id >= start.id : entry.at >= meeting.startedAt) && (end ? entry.id <= end.id : meeting.endedAt === undefined || entry.at <= until),
    )
  }
}

import type * as Y from 'yjs'
import type { Decision } from '../domain/decision.ts'
import type { Meeting } from '../domain/meeting.ts'
import type { Notice } from '../domain/notice.ts'
import type { Problem } from '../domain/problem.ts'
import type { Project } from '../domain/project.ts'
import type { BoardSettings } from '../progress/boardSettings.ts'
import { readBoardSettings } from './boardSettingsAccess.ts'
import { listDecisions, listMeetings } from './meetingQueries.ts'
import { listNotices } from './noticeQueries.ts'
import { listProblems } from './problemQueries.ts'
import { listProjects } from './projectQueries.ts'

/** Everything 变化对比 compares, as plain values: one board at one moment. */
export interface BoardState {
  projects: Project[]
  problems: Problem[]
  notices: Notice[]
  meetings: Meeting[]
  decisions: Decision[]
  settings: BoardSettings
}

export function readBoardState(doc: Y.Doc, year: number): BoardState {
  return {
    projects: listProjects(doc),
    problems: listProblems(doc),
    notices: listNotices(doc),
    meetings: listMeetings(doc),
    decisions: listDecisions(doc),
    settings: readBoardSettings(doc, year),
  }
}

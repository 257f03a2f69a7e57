import * as Y from 'yjs'
import { countProjects, listProjects } from '@guatu/shared/board/projectQueries'
import type { BoardDetailResponse, BoardSummary } from '@guatu/shared/api/boards'
import type { StoredAuditEntry } from '../audit/auditRecord.ts'
import { encodeSnapshot, type BoardRecord, type BoardStorage, type HistoryQuery } from '../storage/boardStorage.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { RequestError } from '../requestError.ts'
import { PastBoards } from './pastBoards.ts'

/** Board-level operations behind the REST API, independent of HTTP. */
export class BoardService {
  private readonly past: PastBoards

  constructor(
    private readonly storage: BoardStorage,
    private readonly rooms: RoomRegistry,
    private readonly commits: CommitQueue,
  ) {
    this.past = new PastBoards(storage)
  }

  async list(): Promise<BoardSummary[]> {
    const boards = await this.storage.listBoards()
    return Promise.all(
      boards.map(async (board) => {
        const room = await this.rooms.peek(board.id)
        return summarize(board, room ? countProjects(room.doc) : board.projectCount)
      }),
    )
  }

  async create(input: { id?: string; name: string; year: number }, initialDoc?: Y.Doc): Promise<BoardSummary> {
    const id = input.id ?? `b_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`
    const initialState = initialDoc ? encodeSnapshot(initialDoc) : undefined
    const projectCount = initialDoc ? countProjects(initialDoc) : 0
    const record = await this.storage.createBoard({ id, name: input.name, year: input.year, projectCount }, initialState)
    return summarize(record, projectCount)
  }

  /** The board and every project as stored: waits for writes in flight, so it never shows unsaved data. */
  async read(boardId: string, at?: number): Promise<BoardDetailResponse | undefined> {
    return this.withDoc(
      boardId,
      (doc, record) => {
        const projects = listProjects(doc)
        return { board: summarize(record, projects.length), projects }
      },
      at,
    )
  }

  /**
   * Runs `read` on the board's current document: the live one when the board is loaded, else a
   * copy from storage (no room is created for a REST read). Waits for writes in flight first.
   * With `at` (ms since epoch), on the board as it stood then (回头看), read-only; a 404 when
   * nothing that old is kept.
   */
  async withDoc<T>(boardId: string, read: (doc: Y.Doc, record: BoardRecord) => T, at?: number): Promise<T | undefined> {
    const record = await this.storage.getBoard(boardId)
    if (!record) return undefined
    await this.commits.drained()
    if (at !== undefined) {
      const past = await this.past.at(boardId, at)
      if (!past) throw new RequestError(404, PAST_NOT_KEPT)
      return read(past, record)
    }
    const room = await this.rooms.peek(boardId)
    return read(room ? room.doc : await this.loadDetached(boardId), record)
  }

  /** The whole document as it stood at `at`, as one Yjs update (the UI's 历史视图 renders it read-only). */
  async stateAt(boardId: string, at: number): Promise<Uint8Array | undefined> {
    return this.withDoc(boardId, (doc) => Y.encodeStateAsUpdate(doc), at)
  }

  /** The board as listed (name, year), without its document. */
  async record(boardId: string): Promise<BoardRecord | undefined> {
    return this.storage.getBoard(boardId)
  }

  /** History of a board, newest first; waits for writes in flight so it includes every saved change. */
  async history(boardId: string, query: HistoryQuery): Promise<StoredAuditEntry[] | undefined> {
    if (!(await this.storage.getBoard(boardId))) return undefined
    await this.commits.drained()
    return this.storage.listHistory(boardId, query)
  }

  /** A read-only copy straight from storage, for boards nobody has open (no room is created). */
  private async loadDetached(boardId: string): Promise<Y.Doc> {
    const stored = await this.storage.loadBoardState(boardId)
    const doc = new Y.Doc()
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    return doc
  }
}

const PAST_NOT_KEPT = '该时刻早于看板建立或已超出历史保留期限，无法查看'

function summarize(board: BoardRecord, projectCount: number): BoardSummary {
  return { id: board.id, name: board.name, year: board.year, projectCount }
}

import * as Y from 'yjs'
import { countProjects, listProjects } from '@guatu/shared/board/projectQueries'
import type { BoardDetailResponse, BoardSummary } from '@guatu/shared/api/boards'
import type { StoredAuditEntry } from '../audit/auditRecord.ts'
import { encodeSnapshot, type BoardRecord, type BoardStorage, type HistoryQuery } from '../storage/boardStorage.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'


/** Board-level operations behind the REST API, independent of HTTP. */
export class BoardService {
  constructor(
    private readonly storage: BoardStorage,
    private readonly rooms: RoomRegistry,
    private readonly commits: CommitQueue,
  ) {}

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
  async read(boardId: string): Promise<BoardDetailResponse | undefined> {
    return this.withDoc(boardId, (doc, record) => {
      const projects = listProjects(doc)
      return { board: summarize(record, projects.length), projects }
    })
  }

  /**
   * Runs `read` on the board's current document: the live one when the board is loaded, else a
   * copy from storage (no room is created for a REST read). Waits for writes in flight first.
   */
  async withDoc<T>(boardId: string, read: (doc: Y.Doc, record: BoardRecord) => T): Promise<T | undefined> {
    const record = await this.storage.getBoard(boardId)
    if (!record) return undefined
    await this.commits.drained()
    const room = await this.rooms.peek(boardId)
    return read(room ? room.doc : await this.loadDetached(boardId), record)
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

function summarize(board: BoardRecord, projectCount: number): BoardSummary {
  return { id: board.id, name: board.name, year: board.year, projectCount }
}

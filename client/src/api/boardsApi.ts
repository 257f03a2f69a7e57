/** The board list and metadata come over plain HTTP; the projects themselves come over the sync socket. */
export interface BoardSummary {
  id: string
  name: string
  year: number
  projectCount?: number
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } })
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络')
  }
  if (!response.ok) {
    // The server's error bodies carry a Chinese `error` message when it has one.
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null
    const message = typeof body?.error === 'string' ? body.error : `请求失败（${response.status}）`
    throw new ApiError(response.status, message)
  }
  return (await response.json()) as T
}

export async function fetchBoards(): Promise<BoardSummary[]> {
  const { boards } = await requestJson<{ boards: BoardSummary[] }>('/api/boards')
  return boards
}

export async function fetchBoard(boardId: string): Promise<BoardSummary> {
  const { board } = await requestJson<{ board: BoardSummary }>(`/api/boards/${encodeURIComponent(boardId)}`)
  return board
}

export async function createBoard(input: { name: string; year: number }): Promise<BoardSummary> {
  const { board } = await requestJson<{ board: BoardSummary }>('/api/boards', {
    method: 'POST',
    body: JSON.stringify(input),
  })
  return board
}

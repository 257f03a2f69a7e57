import { Hono } from 'hono'
import { z } from 'zod'
import type { BoardService } from '../boards/boardService.ts'

const createBoardSchema = z.object({
  name: z
    .string({ error: '看板名称必须是文字' })
    .trim()
    .min(1, { error: '看板名称不能为空' })
    .max(100, { error: '看板名称不能超过100个字' }),
  year: z
    .number({ error: '年度必须是数字' })
    .int({ error: '年度必须是整数' })
    .min(2000, { error: '年度须在2000至2100之间' })
    .max(2100, { error: '年度须在2000至2100之间' }),
})

/** REST for boards: list, create, read with every project. */
export function boardRoutes(boards: BoardService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => c.json({ boards: await boards.list() }))

  routes.post('/', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    if (body === undefined) return c.json({ error: '请求体必须是 JSON' }, 400)
    const parsed = createBoardSchema.safeParse(body)
    if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message ?? '请求无效' }, 400)
    return c.json({ board: await boards.create(parsed.data) }, 201)
  })

  routes.get('/:id', async (c) => {
    const board = await boards.read(c.req.param('id'))
    if (!board) return c.json({ error: '看板不存在' }, 404)
    return c.json(board)
  })

  return routes
}

import { BoardListPage } from './BoardListPage.tsx'
import { BoardPage } from './BoardPage.tsx'
import { parseRoute } from './route.ts'
import { usePathname } from './usePathname.ts'

export function App() {
  const route = parseRoute(usePathname())
  switch (route.kind) {
    case 'boards':
      return <BoardListPage />
    case 'board':
      // Keyed by board: switching boards tears down one connection and opens the other.
      return <BoardPage key={route.boardId} boardId={route.boardId} />
    case 'notFound':
      return (
        <main className="page-message">
          <h1>页面不存在</h1>
          <a href="/">返回看板列表</a>
        </main>
      )
  }
}

import { memo } from 'react'
import type { RollupFigures, RollupResponse } from '@guatu/shared/api/years'
import { formatYi, wanToCents, type WanAmount } from '@guatu/shared/domain/money'
import { STAGE_LABEL, STAGES } from '@guatu/shared/domain/stage'
import { useLoaded } from '../admin/useLoaded.ts'
import { AppLink } from '../app/AppLink.tsx'
import { boardPath } from '../app/route.ts'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { fetchRollups } from './yearsApi.ts'

const yi = (wan: string) => formatYi(wanToCents(wan as WanAmount))

function FigureCells({ figures }: { figures: RollupFigures }) {
  return (
    <>
      <td>{figures.projects}</td>
      {STAGES.map((stage) => (
        <td key={stage}>{figures.byStage[stage]}</td>
      ))}
      <td>{yi(figures.totalInvestmentWan)}</td>
      <td>{yi(figures.annualPlanInvestmentWan)}</td>
      <td>{yi(figures.completedInvestmentWan)}</td>
      <td className={figures.lights.red > 0 ? 'overdue-text' : undefined}>{figures.lights.red}</td>
      <td>{figures.lights.yellow}</td>
      <td>{figures.lights.blue}</td>
    </>
  )
}

function RollupTable({ rollup }: { rollup: RollupResponse }) {
  return (
    <div className="table-scroll">
      <table className="data-table rollup-table">
        <caption>各看板汇总（只读；金额单位：亿元；灯色按项目最严重的一项计）</caption>
        <thead>
          <tr>
            <th scope="col">看板</th>
            <th scope="col">年度</th>
            <th scope="col">项目数</th>
            {STAGES.map((stage) => (
              <th key={stage} scope="col">
                {STAGE_LABEL[stage]}
              </th>
            ))}
            <th scope="col">总投资</th>
            <th scope="col">年度计划</th>
            <th scope="col">已完成</th>
            <th scope="col">红灯</th>
            <th scope="col">黄灯</th>
            <th scope="col">蓝灯</th>
          </tr>
        </thead>
        <tbody>
          {rollup.boards.map((board) => (
            <tr key={board.boardId}>
              <th scope="row">
                <AppLink href={boardPath(board.boardId)}>{board.name}</AppLink>
              </th>
              <td>{board.year}</td>
              <FigureCells figures={board} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              合计
            </th>
            <FigureCells figures={rollup.totals} />
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/**
 * `/rollups`: the boards a user may read side by side — counts by stage, investment, lights — and
 * their totals; the first step toward a city seeing its counties. Read only: every figure links
 * back to its board.
 */
export const RollupsPage = memo(function RollupsPage() {
  const { state, reload } = useLoaded(fetchRollups)
  return (
    <main className="board-list-page rollups-page">
      <div className="board-list-top">
        <h1>看板汇总</h1>
        <AppLink href="/">返回看板列表</AppLink>
        <CurrentUser />
      </div>
      {state.status === 'loading' && <p role="status">正在汇总…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}{' '}
          <button type="button" onClick={reload}>
            重试
          </button>
        </p>
      )}
      {state.status === 'ready' && (state.value.boards.length === 0 ? <p>没有可查看的看板。</p> : <RollupTable rollup={state.value} />)}
    </main>
  )
})

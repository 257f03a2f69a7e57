import { memo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { Choropleth } from './mapOption.ts'
import type { TownshipFigure } from './townships.ts'

/** The shaded figures in words: each 乡镇 with its count and 总投资 (the shading's source, readable without colour). */
export const TownshipTable = memo(function TownshipTable({ mode, figures }: { mode: Choropleth; figures: readonly TownshipFigure[] }) {
  return (
    <table className="map-townships" data-testid="map-townships">
      <caption>{mode === Choropleth.count ? '各乡镇项目个数' : '各乡镇总投资'}</caption>
      <thead>
        <tr>
          <th scope="col">乡镇</th>
          <th scope="col">项目</th>
          <th scope="col">总投资（亿元）</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((figure) => (
          <tr key={figure.name} data-testid="map-township" data-name={figure.name} data-count={figure.count}>
            <th scope="row">{figure.name}</th>
            <td>{figure.count}个</td>
            <td>{formatYi(figure.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
})

import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { LaneGrouping } from '@guatu/shared/board/projectFilter'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES, Stage } from '@guatu/shared/domain/stage'
import { isQueryFiltered, type BoardQuery } from '../filter/boardQuery.ts'
import { useLightsOf } from '../lights/useLightsOf.ts'
import { useVisibleColumns } from '../filter/useVisibleColumns.ts'
import { useActivityMarks } from '../presence/useActivityMarks.ts'
import { useBoardToday } from '../progress/useBoardToday.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { useProblemsByProject } from '../sync/useProblemsByProject.ts'
import { BoardDndContext } from './BoardDndContext.tsx'
import { Column } from './Column.tsx'
import { ColumnHeader } from './ColumnHeader.tsx'
import { StageSwitcher } from './StageSwitcher.tsx'
import { Swimlane } from './Swimlane.tsx'
import { useBoardDrag } from './useBoardDrag.ts'
import { useLanes } from './useLanes.ts'
import type { BoardLane } from './lanes.ts'
import { focusCard } from './focusCard.ts'
import { createRovingFocus, RovingFocusContext } from './rovingFocusStore.ts'

/**
 * The four stage columns, filtered as the address says, either side by side or split into
 * swimlanes (one row of four cells per 责任单位 or 包抓领导), wired for drag and drop.
 */
export const Board = memo(function Board({
  query,
  onOpen,
  onError,
}: {
  query: BoardQuery
  onOpen: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const columns = useBoardColumns()
  const problems = useProblemsByProject()
  const marks = useActivityMarks()
  const today = useBoardToday()
  const lightsOf = useLightsOf()
  const visible = useVisibleColumns(columns, query.filter, problems, query.light, lightsOf)
  const lanes = useLanes(visible, query.lanes)
  const drag = useBoardDrag(lanes, query.lanes, onError)
  const filtered = isQueryFiltered(query)
  const activeId = drag.activeProject?.id
  // Which stage a phone shows (one column at a time, phone/fullBoard.css); wider screens show all four.
  const [shownStage, setShownStage] = useState<Stage>(Stage.planning)
  const switcher = <StageSwitcher shown={shownStage} visible={visible} onShow={setShownStage} />

  if (query.lanes === LaneGrouping.none) {
    const cells = drag.displayLanes[0]?.cells ?? visible
    return (
      <BoardDndContext drag={drag}>
        <BoardFocus lanes={drag.displayLanes}>
          <div className="board" data-testid="board" data-lanes="none" data-shown-stage={shownStage}>
            {switcher}
            {STAGES.map((stage) => (
              <Column
                key={stage}
                stage={stage}
                visible={visible[stage]}
                cards={cells[stage]}
                activeId={activeId}
                marks={marks}
                problems={problems}
                today={today}
                filtered={filtered}
                onOpen={onOpen}
                onRefused={onError}
              />
            ))}
          </div>
        </BoardFocus>
      </BoardDndContext>
    )
  }
  return (
    <BoardDndContext drag={drag}>
      <BoardFocus lanes={drag.displayLanes}>
        <div className="board board-lanes" data-testid="board" data-lanes={query.lanes} data-shown-stage={shownStage}>
          {switcher}
          <div className="lane-headers">
            {STAGES.map((stage) => (
              <section key={stage} className="column" data-stage={stage} data-testid={`column-header-${stage}`} aria-labelledby={`column-title-${stage}`}>
                <ColumnHeader stage={stage} cards={visible[stage]} />
              </section>
            ))}
          </div>
          {drag.displayLanes.map((lane) => (
            <Swimlane
              key={lane.key}
              lane={lane}
              activeId={lane.key === drag.activeLane ? activeId : undefined}
              marks={marks}
              problems={problems}
              today={today}
              onOpen={onOpen}
              onRefused={onError}
            />
          ))}
          {drag.displayLanes.length === 0 && <p className="column-empty">{filtered ? '没有符合筛选条件的项目' : '暂无项目'}</p>}
        </div>
      </BoardFocus>
    </BoardDndContext>
  )
})

/**
 * Keyboard focus on the board: a roving tabindex over the cards as displayed, and focus returned
 * to the card when the dialog it opened (the project panel) goes away — React unmounts the
 * <dialog> rather than closing it, so the browser's own focus restoration does not run.
 */
function BoardFocus({ lanes, children }: { lanes: readonly BoardLane[]; children: ReactNode }) {
  const [roving] = useState(createRovingFocus)
  const anchorRef = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => roving.setLanes(lanes), [roving, lanes])
  useEffect(() => {
    const page = anchorRef.current?.closest('.board-page')
    if (!page) return
    const observer = new MutationObserver((records) => {
      const dialogGone = records.some((record) =>
        [...record.removedNodes].some((node) => node instanceof Element && (node.tagName === 'DIALOG' || node.querySelector('dialog'))),
      )
      const focusLost = document.activeElement === null || document.activeElement === document.body
      const id = roving.tabStop()
      if (dialogGone && focusLost && id && anchorRef.current) focusCard(anchorRef.current, id)
    })
    observer.observe(page, { childList: true })
    return () => observer.disconnect()
  }, [roving])
  return (
    <RovingFocusContext.Provider value={roving}>
      <span ref={anchorRef} hidden />
      {children}
    </RovingFocusContext.Provider>
  )
}

import { memo } from 'react'
import { STAGES, STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import type { StageCards } from '../filter/visibleColumns.ts'

/**
 * On a phone the four stage columns do not fit side by side: the board shows one stage at a
 * time and these buttons (with each stage's count after the filter) choose it. Hidden on wider
 * screens by phone/fullBoard.css, where all four columns stand and dragging moves cards.
 */
export const StageSwitcher = memo(function StageSwitcher({ shown, visible, onShow }: { shown: Stage; visible: StageCards; onShow: (stage: Stage) => void }) {
  return (
    <div className="stage-switcher" role="group" aria-label="显示阶段" data-testid="stage-switcher">
      {STAGES.map((stage) => (
        <button
          key={stage}
          type="button"
          className={`stage-tab stage-${stage}`}
          aria-pressed={stage === shown}
          data-testid={`stage-tab-${stage}`}
          onClick={() => onShow(stage)}
        >
          {STAGE_LABEL[stage]}
          <span className="stage-tab-count">{visible[stage].length}</span>
        </button>
      ))}
    </div>
  )
})

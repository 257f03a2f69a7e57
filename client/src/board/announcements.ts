import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core'
import type { Project } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { findDisplayStage, type DisplayColumns } from './dragPreview.ts'

/** Read when a card gets keyboard focus. Enter is kept for opening the card, so Space picks it up. */
export const SCREEN_READER_INSTRUCTIONS: ScreenReaderInstructions = {
  draggable: '这是项目卡片。按回车键打开项目详情。按空格键拿起卡片，用上下方向键调整顺序，用左右方向键换到其他阶段，再按空格键放下，按 Esc 键取消。',
}

/**
 * Chinese live-region messages for every step of a drag. Positions are read from the columns as
 * currently displayed (including the drag preview), counted from 1 as people say them.
 */
export function createAnnouncements(readDisplay: () => DisplayColumns, readProject: (id: string) => Project | undefined) {
  const nameOf = (id: UniqueIdentifier) => `「${readProject(String(id))?.name ?? '项目'}」`
  /**
   * Inside its own column the card in hand stays at its old index until the drop (the sortable
   * strategy only shifts the others visually), so the card it is over tells where it would land.
   */
  const describePosition = (id: UniqueIdentifier, overId?: UniqueIdentifier): string => {
    const display = readDisplay()
    const stage = findDisplayStage(display, id)
    if (!stage) return '看板之外'
    const cards = display[stage]
    const overIndex = overId === undefined ? -1 : cards.findIndex((card) => card.id === overId)
    const index = overIndex >= 0 ? overIndex : cards.findIndex((card) => card.id === id)
    const position = index >= 0 ? `第${index + 1}个，共${cards.length}个` : `共${cards.length}个`
    return `${STAGE_LABEL[stage]}列${position}`
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `已拿起项目${nameOf(active.id)}，当前在${describePosition(active.id)}。`,
    onDragOver: ({ active, over }) =>
      over ? `项目${nameOf(active.id)}移到${describePosition(active.id, over.id)}。` : `项目${nameOf(active.id)}不在可放置的位置。`,
    onDragEnd: ({ active, over }) =>
      over ? `项目${nameOf(active.id)}已放下，位于${describePosition(active.id, over.id)}。` : `项目${nameOf(active.id)}已放下，位置未变。`,
    onDragCancel: ({ active }) => `已取消拖动，项目${nameOf(active.id)}回到原位置。`,
  }
  return announcements
}

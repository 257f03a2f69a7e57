import type { ProjectId } from '@guatu/shared/domain/project'

/** Focuses a card of the same board; a card scrolled out of a virtualised column is revealed first. */
export function focusCard(from: HTMLElement, id: ProjectId): void {
  const board = from.closest('[data-testid="board"]') ?? document
  const element = board.querySelector<HTMLElement>(`[data-project-id="${CSS_ESCAPE(id)}"]`)
  if (element) {
    element.focus()
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    return
  }
  board.dispatchEvent(new CustomEvent(REVEAL_CARD_EVENT, { detail: id }))
}

/** Asks a virtualised column to scroll card `detail` into view and focus it. */
export const REVEAL_CARD_EVENT = 'guatu:reveal-card'

const CSS_ESCAPE = (value: string) => CSS.escape(value)

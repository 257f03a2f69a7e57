/** The id of a card's light reasons, for the card's aria-describedby. */
export function lightTipId(projectId: string): string {
  return `light-tip-${projectId}`
}

import type { ActivityKind } from '@guatu/shared/sync/presence'
import type { Peer } from './usePeers.ts'

/** What a card shows when someone else has it in hand. */
export interface ActivityMark {
  readonly kind: ActivityKind
  readonly names: readonly string[]
  /** The first person's colour outlines the card. */
  readonly color: string
  /** Stable text, so a card re-renders only when what it shows changes. */
  readonly key: string
}

export const ACTIVITY_LABEL: Record<ActivityKind, string> = {
  dragging: '正在拖动',
  editing: '正在编辑',
}

/** Groups peers' activities by card. Dragging outranks editing: it is the one that moves the card. */
export function activityMarksByProject(peers: readonly Peer[]): ReadonlyMap<string, ActivityMark> {
  const grouped = new Map<string, { kind: ActivityKind; peers: Peer[] }>()
  for (const peer of peers) {
    const activity = peer.presence.activity
    if (!activity) continue
    const entry = grouped.get(activity.projectId)
    if (!entry) grouped.set(activity.projectId, { kind: activity.kind, peers: [peer] })
    else {
      entry.peers.push(peer)
      if (activity.kind === 'dragging') entry.kind = 'dragging'
    }
  }
  const marks = new Map<string, ActivityMark>()
  for (const [projectId, { kind, peers: holders }] of grouped) {
    const names = holders.map((peer) => peer.presence.user.name)
    marks.set(projectId, {
      kind,
      names,
      color: holders[0]?.presence.user.color ?? '#000000',
      key: `${kind}|${holders.map((peer) => `${peer.presence.user.color}${peer.presence.user.name}`).join('|')}`,
    })
  }
  return marks
}

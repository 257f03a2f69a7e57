import { memo } from 'react'
import { ACTIVITY_LABEL } from './activityMarks.ts'
import { useLocalUser } from './useLocalUser.ts'
import { usePeers } from './usePeers.ts'
import './presence.css'

const MAX_VISIBLE_PEERS = 12

function initialOf(name: string): string {
  return Array.from(name.trim())[0] ?? '?'
}

/** Who is on the board: me first, then everyone else, with what they are doing. */
export const PresenceBar = memo(function PresenceBar() {
  const user = useLocalUser()
  const peers = usePeers()
  const hidden = peers.length - MAX_VISIBLE_PEERS
  return (
    <div className="presence-bar" aria-label={`在线 ${peers.length + 1} 人`} data-testid="presence-bar">
      <span className="presence-chip presence-self" style={{ borderColor: user.color }} title={`${user.name}（我）`}>
        <span className="presence-avatar" style={{ background: user.color }} aria-hidden="true">
          {initialOf(user.name)}
        </span>
        <span className="presence-name">{user.name}（我）</span>
      </span>
      {peers.slice(0, MAX_VISIBLE_PEERS).map(({ clientId, presence }) => (
        <span
          key={clientId}
          className="presence-chip"
          style={{ borderColor: presence.user.color }}
          data-testid="presence-peer"
          title={presence.user.unit ? `${presence.user.name} · ${presence.user.unit}` : presence.user.name}
        >
          <span className="presence-avatar" style={{ background: presence.user.color }} aria-hidden="true">
            {initialOf(presence.user.name)}
          </span>
          <span className="presence-name">{presence.user.name}</span>
          {presence.activity && <span className="sr-only">，{ACTIVITY_LABEL[presence.activity.kind]}</span>}
        </span>
      ))}
      {hidden > 0 && <span className="presence-more">另有 {hidden} 人</span>}
    </div>
  )
})

import { memo } from 'react'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { chinaClock } from '@guatu/shared/domain/chinaTime'
import { fitText } from './fitText.ts'
import { FEED_KIND_LABEL, FeedKind, type MoveFeed, type MoveItem } from './moveFeed.ts'
import { ScreenTile } from './ScreenTile.tsx'
import { useFreshKeys } from './useFlash.ts'

const ITEMS_SHOWN = 6
const ACTOR_MAX_EM = 14
const NAME_MAX_EM = 17
const UNIT_MAX_EM = 6
const SUMMARY_MAX_EM = 14

/** A line whose actor is not known yet is keyed by project and stage, so it keeps its place (and glow) when the history names the actor. */
const itemKey = (item: MoveItem) => (item.summary === undefined ? `${item.projectId}:${item.stage}:${Math.floor(item.at / 60_000)}` : item.key)

const FeedItem = memo(function FeedItem({ item, fresh }: { item: MoveItem; fresh: boolean }) {
  return (
    <li
      className={`sw-feed-item ${fresh ? 'sw-flash' : ''}`}
      data-testid="screen-feed-item"
      data-unit={item.unit}
      data-kind={item.kind}
      data-project={item.projectId}
    >
      <div className="sw-feed-line">
        <span className="sw-feed-time">{chinaClock(item.at)}</span>
        <span className="sw-feed-actor">{item.actorLabel ? fitText(item.actorLabel, ACTOR_MAX_EM) : '刚刚'}</span>
      </div>
      {item.kind === FeedKind.move || item.kind === FeedKind.back ? (
        <div className="sw-feed-line sw-feed-move">
          {item.kind === FeedKind.back && <span className="sw-feed-kind sw-feed-kind-back">退回</span>}
          {item.actorLabel && <span className="sw-feed-word">将</span>}
          <span className="sw-feed-project">{fitText(item.projectName, item.kind === FeedKind.back ? NAME_MAX_EM - 3 : NAME_MAX_EM)}</span>
          <span className="sw-feed-word">{item.kind === FeedKind.back ? '退回' : '移至'}</span>
          <span className={`sw-feed-stage sw-stage-${item.stage}`}>{STAGE_LABEL[item.stage]}</span>
        </div>
      ) : (
        <div className="sw-feed-line sw-feed-move">
          <span className={`sw-feed-kind sw-feed-kind-${item.kind}`}>{FEED_KIND_LABEL[item.kind]}</span>
          <span className="sw-feed-project">{fitText(item.projectName, 8)}</span>
          <span className="sw-feed-summary">{fitText(item.summary ?? '', SUMMARY_MAX_EM)}</span>
        </div>
      )}
    </li>
  )
})

/** 最新动态: stage moves (退回 marked), money, problems, decisions and 督办, newest first. */
export const FeedTile = memo(function FeedTile({ feed, unit }: { feed: MoveFeed; unit: string | undefined }) {
  const shownItems = (unit ? feed.items.filter((item) => item.unit === unit) : feed.items).slice(0, ITEMS_SHOWN)
  const fresh = useFreshKeys(shownItems.map(itemKey), feed.loaded)
  return (
    <ScreenTile
      title={unit ? `最新动态 · ${fitText(unit, UNIT_MAX_EM)}` : '最新动态'}
      className="sw-tile-feed"
      aside={<span className="sw-tile-note">阶段·投资·问题·督办</span>}
    >
      {shownItems.length === 0 ? (
        <p className="sw-tile-empty">{feed.loaded ? '暂无动态' : '正在读取动态…'}</p>
      ) : (
        <ol className="sw-feed">
          {shownItems.map((item) => (
            <FeedItem key={item.key} item={item} fresh={fresh.has(itemKey(item))} />
          ))}
        </ol>
      )}
    </ScreenTile>
  )
})

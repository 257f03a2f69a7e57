import { memo, useCallback, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { CHANNEL_KIND_LABEL, DELIVERY_MODE_LABEL } from '@guatu/shared/domain/reminderChannel'
import { chinaDateTimeText } from '@guatu/shared/domain/chinaTime'
import { fetchChannels, fetchDeliveryLog, removeChannel, sendTestMessage } from '../api/remindersApi.ts'
import { LoadStatus } from '../admin/LoadStatus.tsx'
import { useLoaded } from '../admin/useLoaded.ts'
import { AddChannelForm } from './AddChannelForm.tsx'
import { DeliveryLogTable } from './DeliveryLogTable.tsx'

/**
 * 提醒渠道: per board and 责任单位, the 企业微信 / 钉钉 group robot or e-mail that reminders go
 * to; a test message per channel; the delivery log. Addresses come back masked: the full webhook
 * and the 加签 secret stay on the server.
 */
export const ReminderChannelsSection = memo(function ReminderChannelsSection({ boards }: { boards: readonly BoardSummary[] }) {
  const [chosen, setChosen] = useState('')
  const boardId = chosen || boards[0]?.id || ''
  const loadChannels = useCallback(() => (boardId ? fetchChannels(boardId) : Promise.resolve([])), [boardId])
  const loadLog = useCallback(() => (boardId ? fetchDeliveryLog(boardId) : Promise.resolve([])), [boardId])
  const channels = useLoaded(loadChannels)
  const log = useLoaded(loadLog)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | undefined>()

  const reload = () => {
    channels.reload()
    log.reload()
  }
  const test = async (unit: string, kind: keyof typeof CHANNEL_KIND_LABEL) => {
    setNotice(undefined)
    try {
      const answer = await sendTestMessage(boardId, unit, kind)
      setNotice({ ok: answer.ok, text: answer.ok ? `测试消息已发送到${unit}的${CHANNEL_KIND_LABEL[kind]}` : `发送失败：${answer.answer}` })
    } catch (failure) {
      setNotice({ ok: false, text: failure instanceof Error ? failure.message : '发送失败' })
    }
    log.reload()
  }
  const remove = async (unit: string, kind: keyof typeof CHANNEL_KIND_LABEL) => {
    if (!window.confirm(`删除${unit}的${CHANNEL_KIND_LABEL[kind]}？删除后该单位不再收到此渠道的提醒。`)) return
    try {
      await removeChannel(boardId, unit, kind)
    } catch (failure) {
      setNotice({ ok: false, text: failure instanceof Error ? failure.message : '删除失败' })
    }
    reload()
  }

  return (
    <section className="admin-section reminder-section" aria-labelledby="admin-reminders-title" data-testid="reminder-channels">
      <h2 id="admin-reminders-title">提醒渠道</h2>
      <p className="reminder-hint">督办单下发、升级、明日到期和存在问题明日到期时，提醒发到责任单位的企业微信群、钉钉群或邮箱。</p>
      <label className="reminder-board">
        看板
        <select value={boardId} onChange={(event) => setChosen(event.target.value)} data-testid="reminder-board">
          {boards.map((board) => (
            <option key={board.id} value={board.id}>
              {board.name}（{board.year}年）
            </option>
          ))}
        </select>
      </label>
      <LoadStatus state={channels.state} loadingText="正在加载提醒渠道…" reload={channels.reload} />
      {channels.state.status === 'ready' &&
        (channels.state.value.length === 0 ? (
          <p>此看板还没有登记提醒渠道。</p>
        ) : (
          <table className="admin-table" data-testid="reminder-channel-table">
            <thead>
              <tr>
                <th scope="col">责任单位</th>
                <th scope="col">渠道</th>
                <th scope="col">地址</th>
                <th scope="col">发送方式</th>
                <th scope="col">登记</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {channels.state.value.map((channel) => (
                <tr key={`${channel.unit}/${channel.kind}`}>
                  <td>{channel.unit}</td>
                  <td>
                    {CHANNEL_KIND_LABEL[channel.kind]}
                    {channel.hasSecret && <span className="reminder-secret">（已加签）</span>}
                  </td>
                  <td className="reminder-target">{channel.maskedTarget}</td>
                  <td>{DELIVERY_MODE_LABEL[channel.mode]}</td>
                  <td>
                    {channel.updatedByLabel} {chinaDateTimeText(channel.updatedAt)}
                  </td>
                  <td className="reminder-actions">
                    <button type="button" onClick={() => void test(channel.unit, channel.kind)} data-testid="reminder-test">
                      发送测试消息
                    </button>
                    <button type="button" className="danger-button" onClick={() => void remove(channel.unit, channel.kind)}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {notice && (
        <p className={notice.ok ? 'reminder-ok' : 'error-text'} role={notice.ok ? 'status' : 'alert'} data-testid="reminder-notice">
          {notice.text}
        </p>
      )}
      {boardId && <AddChannelForm boardId={boardId} onSaved={reload} />}
      <h3>发送记录</h3>
      <LoadStatus state={log.state} loadingText="正在加载发送记录…" reload={log.reload} />
      {log.state.status === 'ready' && <DeliveryLogTable entries={log.state.value} />}
    </section>
  )
})

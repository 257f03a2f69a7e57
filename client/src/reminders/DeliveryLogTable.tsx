import { memo } from 'react'
import type { DeliveryLogEntry } from '@guatu/shared/api/reminders'
import { CHANNEL_KIND_LABEL, DELIVERY_STATUS_LABEL } from '@guatu/shared/domain/reminderChannel'
import { chinaDateTimeText } from '@guatu/shared/domain/chinaTime'

/** Each attempt with the robot's answer, newest first: 待发送 (will be retried), 已发送, 发送失败. */
export const DeliveryLogTable = memo(function DeliveryLogTable({ entries }: { entries: readonly DeliveryLogEntry[] }) {
  if (entries.length === 0) return <p>还没有发送记录。</p>
  return (
    <table className="admin-table reminder-log" data-testid="reminder-log">
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">责任单位</th>
          <th scope="col">渠道</th>
          <th scope="col">内容</th>
          <th scope="col">第几次</th>
          <th scope="col">状态</th>
          <th scope="col">应答</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <tr key={`${entry.at}/${index}`} className={entry.ok ? undefined : 'reminder-log-failed'}>
            <td>{chinaDateTimeText(entry.at)}</td>
            <td>{entry.unit}</td>
            <td>{CHANNEL_KIND_LABEL[entry.kind]}</td>
            <td>{entry.subject}</td>
            <td>{entry.attempt}</td>
            <td>{entry.ok ? '已发送' : DELIVERY_STATUS_LABEL[entry.status]}</td>
            <td className="reminder-answer">{entry.answer}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
})

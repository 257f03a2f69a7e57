import { memo, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { isIsoDate, todayInChina } from '@guatu/shared/domain/dates'
import { useFilterOptions } from '../filter/useFilterOptions.ts'
import { AgendaEditor } from './AgendaEditor.tsx'
import { toggleInAgenda } from './agendaOrder.ts'
import { useMeetingCommands } from './useMeetingCommands.ts'

/**
 * 召开调度会: title, date (today by default), the 责任单位 attending (those with projects on the
 * board) and their reporting order. Every attendee reports; the order is the agenda.
 */
export const StartMeetingDialog = memo(function StartMeetingDialog({ onClose }: { onClose: () => void }) {
  const id = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const { units } = useFilterOptions()
  const commands = useMeetingCommands()
  const [title, setTitle] = useState('')
  const [date, setDate] = useState<string>(() => todayInChina())
  const [location, setLocation] = useState('')
  const [agenda, setAgenda] = useState<string[]>([])
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) return setError('请填写会议名称')
    if (!isIsoDate(date)) return setError('请填写会议日期')
    if (agenda.length === 0) return setError('请至少选择一个参会单位')
    const result = commands.start({ title: title.trim(), date, attendees: agenda, agenda, location: location.trim() || undefined })
    if (!result.ok) return setError(result.message)
    onClose()
  }

  return (
    <dialog ref={dialogRef} className="start-meeting-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-testid="meeting-start-dialog">
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>召开调度会</h2>
        <label className="start-meeting-field">
          会议名称
          <input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="如：8月重点项目调度会"
            maxLength={100}
            data-testid="meeting-title"
            required
          />
        </label>
        <label className="start-meeting-field">
          会议日期
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="meeting-date" required />
        </label>
        <label className="start-meeting-field">
          会议地点
          <input
            value={location}
            onChange={(event) => setLocation(event.target.value)}
            placeholder="如：区政府三楼会议室"
            maxLength={100}
            data-testid="meeting-location"
          />
        </label>
        <fieldset className="start-meeting-attendees">
          <legend>参会单位</legend>
          {units.length === 0 && <p>看板上还没有项目。</p>}
          {units.map((unit) => (
            <label key={unit.value} className="start-meeting-attendee">
              <input
                type="checkbox"
                checked={agenda.includes(unit.value)}
                onChange={(event) => setAgenda((current) => toggleInAgenda(current, unit.value, event.target.checked))}
                data-testid={`meeting-attendee-${unit.value}`}
              />
              {unit.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="start-meeting-agenda">
          <legend>汇报顺序</legend>
          <AgendaEditor agenda={agenda} onChange={setAgenda} />
        </fieldset>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="start-meeting-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" data-testid="meeting-start-submit">
            开始会议
          </button>
        </div>
      </form>
    </dialog>
  )
})

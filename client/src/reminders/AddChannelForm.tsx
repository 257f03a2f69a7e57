import { memo, useEffect, useId, useState, type FormEvent } from 'react'
import { CHANNEL_KINDS, CHANNEL_KIND_LABEL, ChannelKind, DELIVERY_MODE_LABEL, DeliveryMode, ROBOT_HOST } from '@guatu/shared/domain/reminderChannel'
import { fetchBoardUnits } from '../api/boardsApi.ts'
import { putChannel } from '../api/remindersApi.ts'

const TARGET_PLACEHOLDER: Record<ChannelKind, string> = {
  wecom: `https://${ROBOT_HOST.wecom}/cgi-bin/webhook/send?key=…`,
  dingtalk: `https://${ROBOT_HOST.dingtalk}/robot/send?access_token=…`,
  email: 'xmb@example.gov.cn',
}

/** 登记渠道: a unit of the board, the kind, the webhook (and 钉钉's 加签 secret) or address, and the sending mode. */
export const AddChannelForm = memo(function AddChannelForm({ boardId, onSaved }: { boardId: string; onSaved: () => void }) {
  const id = useId()
  const [units, setUnits] = useState<string[]>([])
  const [unit, setUnit] = useState('')
  const [kind, setKind] = useState<ChannelKind>(ChannelKind.wecom)
  const [target, setTarget] = useState('')
  const [secret, setSecret] = useState('')
  const [mode, setMode] = useState<DeliveryMode>(DeliveryMode.eachEvent)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    fetchBoardUnits(boardId).then(
      (list) => current && setUnits(list.sort((a, b) => a.localeCompare(b, 'zh-CN'))),
      () => current && setUnits([]),
    )
    return () => {
      current = false
    }
  }, [boardId])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!unit.trim()) return setError('请填写责任单位')
    if (!target.trim()) return setError(kind === ChannelKind.email ? '请填写邮箱地址' : '请填写机器人 Webhook 地址')
    if (kind === ChannelKind.dingtalk && !secret.trim()) return setError('钉钉机器人请填写加签密钥（SEC 开头）')
    setBusy(true)
    setError(undefined)
    try {
      await putChannel(boardId, { unit: unit.trim(), kind, target: target.trim(), mode, ...(kind === ChannelKind.dingtalk ? { secret: secret.trim() } : {}) })
      setTarget('')
      setSecret('')
      onSaved()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '登记失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="add-channel-form">
      <h3 id={`${id}-title`}>登记渠道</h3>
      <div className="admin-form-row">
        <label>
          责任单位
          <input value={unit} list={`${id}-units`} onChange={(event) => setUnit(event.target.value)} data-testid="channel-unit" />
          <datalist id={`${id}-units`}>
            {units.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          渠道
          <select value={kind} onChange={(event) => setKind(event.target.value as ChannelKind)} data-testid="channel-kind">
            {CHANNEL_KINDS.map((value) => (
              <option key={value} value={value}>
                {CHANNEL_KIND_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="reminder-target-input">
          {kind === ChannelKind.email ? '邮箱地址' : 'Webhook 地址'}
          <input
            value={target}
            placeholder={TARGET_PLACEHOLDER[kind]}
            onChange={(event) => setTarget(event.target.value)}
            autoComplete="off"
            data-testid="channel-target"
          />
        </label>
        {kind === ChannelKind.dingtalk && (
          <label>
            加签密钥
            <input
              type="password"
              value={secret}
              placeholder="SEC…"
              onChange={(event) => setSecret(event.target.value)}
              autoComplete="off"
              data-testid="channel-secret"
            />
          </label>
        )}
        <label>
          发送方式
          <select value={mode} onChange={(event) => setMode(event.target.value as DeliveryMode)}>
            {Object.values(DeliveryMode).map((value) => (
              <option key={value} value={value}>
                {DELIVERY_MODE_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={busy} data-testid="channel-submit">
          保存
        </button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </div>
    </form>
  )
})

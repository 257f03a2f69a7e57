import { memo, useState, type FormEvent } from 'react'
import { confirmDisplayName } from './localUser.ts'
import { useLocalUser } from './useLocalUser.ts'

/**
 * Asks once for the name others will see. It does not block the board: in a 调度会 the screen
 * must work at once, so the default 访客NNNN is used until the person confirms a real name.
 */
export const DisplayNamePrompt = memo(function DisplayNamePrompt({ onDone }: { onDone: () => void }) {
  const { user } = useLocalUser()
  const [name, setName] = useState(user.name)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    confirmDisplayName(name)
    onDone()
  }
  return (
    <form className="name-prompt" onSubmit={submit} aria-label="设置显示名称">
      <label>
        其他人将看到您的名字：
        <input value={name} maxLength={20} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" className="primary-button" disabled={!name.trim()}>
        确定
      </button>
    </form>
  )
})

import { memo, useState } from 'react'

/** Deleting is two steps: a slip of the hand in a meeting must not remove a project from the 台账. */
export const DeleteProjectButton = memo(function DeleteProjectButton({ projectName, onDelete }: { projectName: string; onDelete: () => string | undefined }) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | undefined>()
  if (!confirming) {
    return (
      <button type="button" className="danger-button" onClick={() => setConfirming(true)}>
        删除项目
      </button>
    )
  }
  return (
    <div className="delete-confirm" role="group" aria-label="确认删除">
      <span>确定删除「{projectName}」吗？删除后所有人的看板上都会消失。</span>
      <button type="button" className="danger-button" autoFocus onClick={() => setError(onDelete())}>
        确认删除
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        取消
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})

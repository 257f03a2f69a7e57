import { memo, useId, useState } from 'react'

/** A link shown once (its token is never shown again), selectable by hand and copied with one button. */
export const CopyableUrl = memo(function CopyableUrl({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const id = useId()
  const [copied, setCopied] = useState<string | undefined>()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied('已复制到剪贴板')
    } catch {
      // Clipboard access needs a secure context; on plain http the box is selected for Ctrl+C instead.
      document.getElementById(`${id}-url`)?.focus()
      setCopied('无法自动复制，请按 Ctrl+C 复制已选中的链接')
    }
  }
  return (
    <div className="copyable-url" role="group" aria-labelledby={`${id}-label`} data-testid="screen-link-url">
      <p id={`${id}-label`} className="copyable-warning">
        大屏链接已生成。此链接只显示这一次，请立即复制并妥善保管：
      </p>
      <div className="copyable-row">
        <input id={`${id}-url`} readOnly value={url} aria-labelledby={`${id}-label`} onFocus={(event) => event.target.select()} />
        <button type="button" className="primary-button" onClick={() => void copy()} data-testid="copy-screen-link">
          复制链接
        </button>
        <button type="button" onClick={onDismiss}>
          完成
        </button>
      </div>
      {copied && <p role="status">{copied}</p>}
    </div>
  )
})

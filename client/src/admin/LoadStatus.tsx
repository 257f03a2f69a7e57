import type { Loaded } from './useLoaded.ts'

/** What an admin list says while it loads, or when loading failed (with 重试); nothing once ready. */
export function LoadStatus({ state, loadingText, reload }: { state: Loaded<unknown>; loadingText: string; reload: () => void }) {
  if (state.status === 'loading') return <p role="status">{loadingText}</p>
  if (state.status === 'error') {
    return (
      <p role="alert" className="error-text">
        {state.message}{' '}
        <button type="button" onClick={reload}>
          重试
        </button>
      </p>
    )
  }
  return null
}

import { useCallback, useSyncExternalStore } from 'react'
import { readBoundariesVersion } from '@guatu/shared/board/boardSettingsAccess'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/**
 * The time of the office's last boundary upload, as the server announced it in the board
 * document: changes on every open page when a new 县界/乡镇 file is accepted.
 */
export function useBoundariesVersion(): string | undefined {
  const { doc, view } = useBoardConnection()
  const read = useCallback(() => readBoundariesVersion(doc), [doc])
  return useSyncExternalStore(view.subscribe, read)
}

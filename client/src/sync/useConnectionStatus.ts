import { useSyncExternalStore } from 'react'
import type { ConnectionStatus } from './connectionStatus.ts'
import { useBoardConnection } from './useBoardConnection.ts'

export function useConnectionStatus(): ConnectionStatus {
  const { status } = useBoardConnection()
  return useSyncExternalStore(status.subscribe, status.get)
}

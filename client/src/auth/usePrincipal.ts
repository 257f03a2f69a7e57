import { useContext } from 'react'
import type { Principal } from '@guatu/shared/domain/principal'
import { PrincipalContext } from './principalContext.ts'

/** Who is signed in. Every permission decision in the UI passes this to shared/domain/permissions. */
export function usePrincipal(): Principal {
  const principal = useContext(PrincipalContext)
  if (!principal) throw new Error('usePrincipal 必须在 PrincipalContext 内使用')
  return principal
}

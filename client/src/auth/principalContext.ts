import { createContext } from 'react'
import type { Principal } from '@guatu/shared/domain/principal'

/** The signed-in principal; provided by App once `/api/me` has answered. */
export const PrincipalContext = createContext<Principal | null>(null)

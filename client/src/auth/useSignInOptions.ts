import { useEffect, useState } from 'react'
import type { SignInOptions } from '@guatu/shared/domain/singleSignOn'
import { PASSWORDS_ONLY, fetchSignInOptions } from '../api/singleSignOnApi.ts'

/**
 * The server's ways of signing in; `undefined` until it answered. A failed request falls back to
 * passwords only, the server refusing them with its own message if they are off.
 */
export function useSignInOptions(): SignInOptions | undefined {
  const [options, setOptions] = useState<SignInOptions | undefined>()
  useEffect(() => {
    let current = true
    fetchSignInOptions().then(
      (value) => current && setOptions(value),
      () => current && setOptions(PASSWORDS_ONLY),
    )
    return () => {
      current = false
    }
  }, [])
  return options
}

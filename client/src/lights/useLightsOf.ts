import { useAsOf } from '../progress/useAsOf.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { lightsLookupFor, type LightsOf } from './lightCache.ts'

/** The shared, memoized light lookup for the board's current settings and as-of day. */
export function useLightsOf(): LightsOf {
  const settings = useBoardSettings()
  const asOf = useAsOf(settings)
  return lightsLookupFor(settings, asOf)
}

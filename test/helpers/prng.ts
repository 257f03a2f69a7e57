import { createPrng, type Prng } from '@guatu/shared/demo/prng'

/**
 * The seeded PRNG of shared/demo for fuzz runs, so every run can be replayed: the seed is printed
 * when a run fails, and `GUATU_FUZZ_SEED=<seed>` replays exactly that run.
 */
export class Rng {
  private readonly prng: Prng

  constructor(readonly seed: number) {
    this.prng = createPrng(seed)
  }

  /** A float in [0, 1). */
  next(): number {
    return this.prng.next()
  }

  /** An integer in [0, bound). */
  int(bound: number): number {
    return this.prng.int(0, bound - 1)
  }

  chance(probability: number): boolean {
    return this.prng.chance(probability)
  }

  pick<T>(items: readonly T[]): T {
    return this.prng.pick(items)
  }
}

/** The seed for a fuzz run: `GUATU_FUZZ_SEED` when set (to replay a failure), else `fallback`. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = process.env.GUATU_FUZZ_SEED
  if (fromEnv === undefined || fromEnv === '') return fallback
  const seed = Number(fromEnv)
  if (!Number.isSafeInteger(seed)) throw new Error(`GUATU_FUZZ_SEED must be an integer, got ${fromEnv}`)
  return seed
}

/** Runs a fuzz body and, when it fails, puts the seed and how to replay it at the top of the error. */
export async function withSeed<T>(seed: number, body: (rng: Rng) => Promise<T>): Promise<T> {
  try {
    return await body(new Rng(seed))
  } catch (error) {
    const replay = `fuzz seed ${seed} (replay with GUATU_FUZZ_SEED=${seed})`
    console.error(`FAILED ${replay}`)
    if (error instanceof Error) {
      error.message = `[${replay}] ${error.message}`
      throw error
    }
    throw new Error(`[${replay}] ${String(error)}`)
  }
}

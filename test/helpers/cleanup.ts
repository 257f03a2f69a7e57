import { afterAll, onTestFinished } from 'vitest'

type Cleanup = () => Promise<void> | void

/** Cleanups registered outside a test (in beforeAll or at file level); they run after the file. */
const fileScoped: Cleanup[] = []

afterAll(async () => {
  await runAll(fileScoped.splice(0).reverse())
})

/**
 * Registers `cleanup` to run when the current test finishes, or after the whole file when called
 * from a `beforeAll` hook. Helpers that start processes or open sockets call this so that a test
 * never has to remember to close what it started, and a failing test still releases its port.
 */
export function deferCleanup(cleanup: Cleanup): void {
  try {
    onTestFinished(async () => {
      await runAll([cleanup])
    })
  } catch {
    // onTestFinished throws when no test is running: the caller is a beforeAll hook.
    fileScoped.push(cleanup)
  }
}

async function runAll(cleanups: Cleanup[]): Promise<void> {
  const failures: unknown[] = []
  for (const cleanup of cleanups) {
    try {
      await cleanup()
    } catch (error) {
      failures.push(error)
    }
  }
  // Surface the first failure without skipping the remaining cleanups.
  if (failures.length > 0) throw failures[0]
}

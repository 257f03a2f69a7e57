/** CPU time and resident memory of another process, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces; fields after it are space-separated (utime is the 14th field).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : Number.NaN
}

/** This process's CPU seconds (all threads: the load generator's own cost). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/**
 * Resident set size of a process and its children together: the server's ledger parse runs in a
 * child process, and what a hostile file costs the machine is both. A child that ended between
 * reading the list and its status counts nothing.
 */
export function treeRssBytes(pid: number): number {
  let total = rssBytes(pid)
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let children: string[] = []
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)
    } catch {
      continue
    }
    for (const child of children) {
      try {
        // A child that has exited but is not yet reaped (a zombie) has no VmRSS: it holds no memory.
        const childRss = treeRssBytes(Number(child))
        if (Number.isFinite(childRss)) total += childRss
      } catch {
        // Gone already.
      }
    }
  }
  return total
}

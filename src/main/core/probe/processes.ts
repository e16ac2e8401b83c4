import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * A look at the machine's processes, for finding what a server left behind. Linux reads /proc;
 * other POSIX systems ask `ps`. Windows is not covered (taskkill /T walks its tree there).
 */

export interface ProcessInfo {
  pid: number
  ppid: number
  pgid: number
  /** a zombie (exited, waiting to be reaped) is no longer running */
  zombie: boolean
  /** when it started, in the system's own units: with the pid, tells a process from a later one that reused its pid */
  start: string
}

/** How to list processes: `proc` reads /proc (Linux), `ps` runs ps(1) (macOS, BSD, and Linux too). */
export type ProcessSource = 'proc' | 'ps'

export function defaultSource(): ProcessSource | undefined {
  if (process.platform === 'linux') return 'proc'
  if (process.platform === 'win32') return undefined
  return 'ps'
}

/** Every process visible to us, or [] when they cannot be listed. Never throws. */
export function listProcesses(source: ProcessSource | undefined = defaultSource()): ProcessInfo[] {
  if (source === 'proc') return fromProc()
  if (source === 'ps') return fromPs()
  return []
}

function fromProc(): ProcessInfo[] {
  const out: ProcessInfo[] = []
  let names: string[]
  try {
    names = readdirSync('/proc')
  } catch {
    return out
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue
    const info = procStat(Number(name))
    if (info) out.push(info)
  }
  return out
}

/** One process's line of /proc/PID/stat, or undefined when it is gone. */
export function procStat(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // fields after the command name (which may hold spaces and parentheses): state ppid pgrp session … starttime (field 22)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), zombie: fields[0] === 'Z', start: fields[19] ?? '' }
  } catch {
    return undefined
  }
}

function fromPs(): ProcessInfo[] {
  let text: string
  try {
    // lstart is the start time to the second: enough, with the pid, to notice a reused pid
    text = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,lstart='], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LC_ALL: 'C' } })
  } catch {
    return []
  }
  const out: ProcessInfo[] = []
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line)
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), zombie: m[4]!.startsWith('Z'), start: m[5]! })
  }
  return out
}

/** Whether a process's environment holds `entry` (`NAME=value`). Linux only; false when unreadable. */
export function environHas(pid: number, entry: string): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`)
    const needle = Buffer.from(`${entry}\0`)
    const at = environ.indexOf(needle)
    return at === 0 || (at > 0 && environ[at - 1] === 0)
  } catch {
    return false
  }
}

/** Every live descendant of `root` in a listing (through parent pids; `root` itself excluded). */
export function descendantsOf(root: number, all: readonly ProcessInfo[]): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>()
  for (const p of all) {
    if (!children.has(p.ppid)) children.set(p.ppid, [])
    children.get(p.ppid)!.push(p)
  }
  const out: ProcessInfo[] = []
  const queue = [root]
  const seen = new Set<number>([root])
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child.pid)) continue
      seen.add(child.pid)
      if (!child.zombie) out.push(child)
      queue.push(child.pid)
    }
  }
  return out
}

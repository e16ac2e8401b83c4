import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { defaultSource, descendantsOf, environHas, listProcesses, procStat, type ProcessInfo } from './processes'

/**
 * Ends a child and everything it started. Servers start grandchildren (npx, shells, uv, docker),
 * and killing only the direct child leaves those running. On POSIX the child is the leader of
 * its own process group, so signalling the group reaches most of them; on Windows `taskkill /T`
 * walks the tree.
 *
 * A grandchild can leave the group (`setsid`, or Node's `detached`) and, once its parent is gone,
 * is no longer anyone's descendant. Two more nets catch those: the child's descendants are
 * listed before anything is signalled (while the parent links still hold), and every process
 * started by `spawnTree` carries a marker in its environment, which its descendants inherit
 * however they detach; on Linux, /proc/PID/environ finds them afterwards. What is still out of
 * reach: on macOS and BSD, a detached grandchild whose parent exited before the probe ended (no
 * environment to read there); on Windows, a grandchild whose parent exited (taskkill /T follows
 * parent ids); anywhere, a process that cleared its environment *and* was orphaned early.
 */

/** The environment variable that marks every process a probe started, with a value unique to that probe. */
export const PROBE_MARKER = 'MCP_MEDIC_PROBE'

const markers = new WeakMap<ChildProcess, { marker: string; start?: string }>()

/** Every tree `spawnTree` started whose direct child has not exited yet. */
const live = new Set<ChildProcess>()

/**
 * Spawns a process the way `endProcessTree` can end completely: its own process group (POSIX),
 * and the probe marker in its environment.
 */
export function spawnTree(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const marker = randomUUID()
  const child = spawn(command, [...args], {
    ...options,
    env: { ...(options.env ?? process.env), [PROBE_MARKER]: marker },
    detached: process.platform !== 'win32'
  })
  // the child's start time, read while it surely exists: processes started before it are never candidates
  markers.set(child, { marker, start: child.pid !== undefined && process.platform === 'linux' ? procStat(child.pid)?.start : undefined })
  if (child.pid !== undefined) {
    live.add(child)
    child.once('exit', () => live.delete(child))
  }
  return child
}

/** How many trees started by `spawnTree` still have a live direct child. */
export function liveTreeCount(): number {
  return live.size
}

/**
 * Ends every tree still running (the app or `serve` is shutting down while probes run), all at
 * once, so nothing a probe started outlives MCP Medic. Never throws.
 */
export async function endAllProcessTrees(graceMs = 100): Promise<void> {
  await Promise.all([...live].map((child) => endProcessTree(child, graceMs)))
}

/**
 * Order: list the descendants, close stdin (a well-behaved server exits on EOF), wait `graceMs`,
 * SIGTERM the group, wait up to 3 × `graceMs`, SIGKILL whatever is left of the group; then end
 * the strays (descendants that left the group, processes carrying the marker) the same way. A
 * child that left on EOF and started nothing costs no signal and no wait. Resolves once the
 * direct child and every live member of its group are gone (Linux; elsewhere the SIGKILL is
 * trusted); never throws.
 */
export async function endProcessTree(child: ChildProcess, graceMs = 300): Promise<void> {
  const pid = child.pid
  if (pid === undefined) return
  const tracked = markers.get(child)
  const before = process.platform === 'win32' ? [] : descendantsOf(pid, listProcesses())
  const exited = waitForExit(child)
  child.stdin?.end()
  if (!(await settlesWithin(exited, graceMs))) {
    signalTree(pid, 'SIGTERM')
    await settlesWithin(exited, graceMs * 3)
  } else if (groupAlive(pid)) {
    // The child is gone but what it started lives on in its group: ask, then force.
    signalTree(pid, 'SIGTERM')
    await waitForGroupGone(pid, graceMs)
  }
  // Whatever is left (a child or grandchild that ignores SIGTERM) is killed.
  if (child.exitCode === null && child.signalCode === null) signalTree(pid, 'SIGKILL')
  else if (groupAlive(pid)) signalTree(pid, 'SIGKILL')
  await settlesWithin(exited, 2000)
  await waitForGroupGone(pid, 1000)
  if (process.platform !== 'win32') await endStrays(before, tracked, graceMs)
}

/** Processes that escaped the group: the descendants seen before, and (Linux) whatever carries the marker. */
function strays(before: readonly ProcessInfo[], tracked: { marker: string; start?: string } | undefined): ProcessInfo[] {
  const now = listProcesses()
  const alive = new Map(now.filter((p) => !p.zombie).map((p) => [p.pid, p]))
  // the same process, not a later one that reused its pid
  const out = new Map<number, ProcessInfo>()
  for (const p of before) if (alive.get(p.pid)?.start === p.start) out.set(p.pid, p)
  if (tracked && defaultSource() === 'proc') {
    const entry = `${PROBE_MARKER}=${tracked.marker}`
    for (const p of alive.values()) {
      if (p.pid === process.pid || out.has(p.pid)) continue
      if (tracked.start !== undefined && Number(p.start) < Number(tracked.start)) continue
      if (environHas(p.pid, entry)) out.set(p.pid, p)
    }
  }
  return [...out.values()]
}

async function endStrays(before: readonly ProcessInfo[], tracked: { marker: string; start?: string } | undefined, graceMs: number): Promise<void> {
  // A stray may start another before it goes: look again until nothing is left (a few rounds at most).
  for (let round = 0; round < 3; round++) {
    const found = strays(before, tracked)
    if (found.length === 0) return
    for (const p of found) signalStray(p, 'SIGTERM')
    const deadline = Date.now() + graceMs
    while (Date.now() < deadline && found.some((p) => isSame(p))) await delay(10)
    for (const p of found) if (isSame(p)) signalStray(p, 'SIGKILL')
    const killed = Date.now() + 1000
    while (Date.now() < killed && found.some((p) => isSame(p))) await delay(10)
  }
}

/** Whether the process is still the one that was found (alive, same start time). */
function isSame(p: ProcessInfo): boolean {
  const now = defaultSource() === 'proc' ? procStat(p.pid) : listProcesses().find((q) => q.pid === p.pid)
  return now !== undefined && !now.zombie && now.start === p.start
}

function signalStray(p: ProcessInfo, signal: NodeJS.Signals): void {
  try {
    // its own group, when it made one (setsid): that takes what it started along
    if (p.pgid === p.pid) process.kill(-p.pid, signal)
    else process.kill(p.pid, signal)
  } catch {
    // gone already
  }
}

/** Whether anything still runs in the process group (without /proc: whether the group exists). */
function groupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return false
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  return liveGroupMembers(pgid) > 0
}

/**
 * Waits until no live process is left in the group (zombies waiting for their new parent to
 * reap them do not count). Linux only; elsewhere the SIGKILL is trusted.
 */
async function waitForGroupGone(pgid: number, ms: number): Promise<void> {
  if (process.platform !== 'linux') return
  const deadline = Date.now() + ms
  while (Date.now() < deadline && liveGroupMembers(pgid) > 0) await delay(10)
}

function liveGroupMembers(pgid: number): number {
  try {
    process.kill(-pgid, 0)
  } catch {
    return 0
  }
  return listProcesses('proc').filter((p) => p.pgid === pgid && !p.zombie).length
}

function signalTree(pid: number, signal: NodeJS.Signals): void {
  if (process.platform === 'win32') {
    if (signal === 'SIGKILL' || signal === 'SIGTERM') {
      spawn('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => {})
    }
    return
  }
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', () => resolve())
  })
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const result = await Promise.race([promise.then(() => true as const), timeout])
  clearTimeout(timer)
  return result
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

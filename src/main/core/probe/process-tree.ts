import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * Ends a child and everything it started. Servers start grandchildren (npx, shells, uv, docker),
 * and killing only the direct child leaves those running. On POSIX the child was spawned as the
 * leader of its own process group, so signalling the group reaches all of them; on Windows
 * `taskkill /T` walks the tree.
 *
 * Order: close stdin (a well-behaved server exits on EOF), wait `graceMs`, SIGTERM the group,
 * wait up to 3 × `graceMs`, SIGKILL whatever is left of the group. A child that left on EOF and
 * started nothing costs no signal and no wait. Resolves once the direct child and every live
 * member of its group are gone (Linux; elsewhere the SIGKILL is trusted); never throws.
 */
export async function endProcessTree(child: ChildProcess, graceMs = 300): Promise<void> {
  const pid = child.pid
  if (pid === undefined) return
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
  let live = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // fields after the command name: state ppid pgrp …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === pgid && state !== 'Z') live++
    } catch {
      // the process ended while we looked
    }
  }
  return live
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

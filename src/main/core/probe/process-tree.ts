import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * Ends a child and everything it started. Servers start grandchildren (npx, shells, uv, docker),
 * and killing only the direct child leaves those running. On POSIX the child was spawned as the
 * leader of its own process group, so signalling the group reaches all of them; on Windows
 * `taskkill /T` walks the tree.
 *
 * Order: close stdin (a well-behaved server exits on EOF), wait `graceMs`, SIGTERM the group,
 * wait `graceMs` again, SIGKILL the group. Resolves once the direct child is gone; never throws.
 */
export async function endProcessTree(child: ChildProcess, graceMs = 300): Promise<void> {
  const pid = child.pid
  if (pid === undefined) return
  const exited = waitForExit(child)
  child.stdin?.end()
  if (!(await settlesWithin(exited, graceMs))) {
    signalTree(pid, 'SIGTERM')
    await settlesWithin(exited, graceMs * 3)
  } else {
    // The child is gone; give what it started a moment to follow before forcing it.
    signalTree(pid, 'SIGTERM')
    await delay(50)
  }
  signalTree(pid, 'SIGKILL')
  await settlesWithin(exited, 2000)
  await waitForGroupGone(pid, 1000)
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

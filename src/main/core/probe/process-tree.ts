import { spawn, type ChildProcess } from 'node:child_process'

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
  if (await settlesWithin(exited, graceMs)) {
    signalTree(pid, 'SIGTERM')
    await delay(50)
    signalTree(pid, 'SIGKILL')
    return
  }
  signalTree(pid, 'SIGTERM')
  if (!(await settlesWithin(exited, graceMs * 3))) signalTree(pid, 'SIGKILL')
  else {
    await delay(50)
    signalTree(pid, 'SIGKILL')
  }
  await settlesWithin(exited, 2000)
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

import { readdir, readFile, readlink } from 'node:fs/promises'
import { runBounded } from '../env/versions'

/** A port a server said it could not listen on, and who holds it when that can be told. */
export interface PortFact {
  port: number
  holder?: { pid: number; command: string }
  /** how the holder was looked for: `/proc`, `lsof`, or why not */
  via: 'proc' | 'lsof' | 'unknown'
}

/** Where servers say their port is taken: Node's EADDRINUSE, Python's Errno 98 / WinError 10048, framework wordings. */
const IN_USE_LINE = /EADDRINUSE|address already in use|Errno 98|10048|only one usage of each socket address|port \d{2,5} is (?:already )?in use|port (?:is )?already in use/i
const PORT_IN_LINE = [
  /EADDRINUSE[^\n]*?(?:\]|[\d.]+|::|localhost)?:(\d{2,5})\b/,
  /\(\s*['"][^'"]*['"]\s*,\s*(\d{2,5})\s*\)/,
  /\bport[ :]+(\d{2,5})\b/i,
  /:(\d{2,5})\b/
]

/**
 * The ports the server's output says are taken (at most three). A fact read from what it
 * printed, for the holder lookup; the rule names the port from it.
 */
export function portsInUse(stderr: string): number[] {
  const ports: number[] = []
  for (const line of stderr.split(/\r?\n/).slice(-400)) {
    const text = line.slice(0, 2_000)
    if (!IN_USE_LINE.test(text)) continue
    for (const pattern of PORT_IN_LINE) {
      const m = pattern.exec(text)
      const port = m ? Number(m[1]) : NaN
      if (port > 0 && port < 65_536) {
        if (!ports.includes(port)) ports.push(port)
        break
      }
    }
    if (ports.length >= 3) break
  }
  return ports
}

/**
 * Which process listens on `port` on this machine: on Linux from /proc (the socket's inode in
 * /proc/net/tcp{,6}, then the process whose file descriptors hold it); elsewhere through `lsof`
 * when it is installed. Never throws; a holder that cannot be told (another user's process, no
 * lsof) is left out.
 */
export async function portHolder(port: number, platform: NodeJS.Platform = process.platform): Promise<PortFact> {
  try {
    if (platform === 'linux') {
      const holder = await procHolder(port)
      if (holder) return { port, holder, via: 'proc' }
    }
    if (platform !== 'win32') {
      const holder = await lsofHolder(port)
      if (holder) return { port, holder, via: 'lsof' }
    }
  } catch {
    // a fact that cannot be read is just missing
  }
  return { port, via: 'unknown' }
}

/** Holders for every port the output names. */
export async function portFacts(stderr: string, platform: NodeJS.Platform = process.platform): Promise<PortFact[]> {
  return Promise.all(portsInUse(stderr).map((port) => portHolder(port, platform)))
}

const LISTEN = '0A'

async function procHolder(port: number): Promise<PortFact['holder']> {
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '')
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/)
      const local = cols[1]
      if (!local || cols[3] !== LISTEN) continue
      if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && cols[9] && cols[9] !== '0') inodes.add(cols[9])
    }
  }
  if (inodes.size === 0) return undefined
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d))
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
      if (inode && inodes.has(inode)) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
        return { pid: Number(pid), command: cmdline.split('\0').filter(Boolean).join(' ').slice(0, 500) }
      }
    }
  }
  return undefined
}

async function lsofHolder(port: number): Promise<PortFact['holder']> {
  const run = await runBounded('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { env: { PATH: '/usr/sbin:/usr/bin:/bin:/sbin' }, cwd: '/', timeoutMs: 3_000 })
  if (run.code !== 0) return undefined
  const pid = /^p(\d+)$/m.exec(run.output)?.[1]
  const command = /^c(.+)$/m.exec(run.output)?.[1]
  return pid ? { pid: Number(pid), command: command ?? '' } : undefined
}

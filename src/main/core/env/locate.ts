import type { KnownDir } from './known-dirs'
import { which, type Resolution } from './which'

/** Where a command is found: on the client's PATH, on the login shell's, in a known install folder. */
export interface CommandLocations {
  /** on the PATH the client gives its servers */
  client: Resolution
  /** on the login shell's PATH; undefined when the login shell could not be read */
  loginShell?: Resolution
  /** the first known install folder that holds it (newest version first) */
  knownDir?: { path: string; dir: string; source: string }
}

export interface LocateOptions {
  clientPath: readonly string[]
  loginShellPath?: readonly string[]
  knownDirs: readonly KnownDir[]
  cwd: string
  platform: NodeJS.Platform
  pathext?: string
}

/**
 * Looks a command up the three ways a user's machine can hold it. A command with a folder in it is
 * a path: it is only checked once, as the client would run it. Never throws.
 */
export async function locateCommand(command: string, options: LocateOptions): Promise<CommandLocations> {
  const whichOptions = { cwd: options.cwd, platform: options.platform, pathext: options.pathext }
  const client = await which(command, options.clientPath, whichOptions)
  const isPath = options.platform === 'win32' ? /[\\/]/.test(command) : command.includes('/')
  if (isPath || command === '') return { client }
  const loginShell = options.loginShellPath ? await which(command, options.loginShellPath, whichOptions) : undefined
  let knownDir: CommandLocations['knownDir']
  for (const known of options.knownDirs) {
    const found = await which(command, [known.dir], whichOptions)
    if (found.path) {
      knownDir = { path: found.path, dir: known.dir, source: known.source }
      break
    }
  }
  return { client, loginShell, knownDir }
}

/** Commands users type for one another (`python` where only `python3` exists, …). */
const ALTERNATES: Readonly<Record<string, readonly string[]>> = {
  python: ['python3'],
  python3: ['python'],
  pip: ['pip3'],
  pip3: ['pip'],
  nodejs: ['node'],
  node: ['nodejs'],
  'docker-compose': ['docker'],
  uvx: ['uv'],
  pipx: ['uvx']
}

const WELL_KNOWN = ['node', 'npx', 'npm', 'python3', 'python', 'uv', 'uvx', 'pipx', 'docker', 'bun', 'bunx', 'deno', 'java', 'pnpm', 'yarn']

/**
 * Names worth trying when `command` is found nowhere: its usual alternates, then the well-known
 * runtime names one typo away (`nxp` → `npx`).
 */
export function nearMissCandidates(command: string): string[] {
  const base = command.toLowerCase()
  const out = [...(ALTERNATES[base] ?? [])]
  for (const name of WELL_KNOWN) if (name !== base && !out.includes(name) && editDistance(base, name) === 1) out.push(name)
  return out
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) dp[i]![j] = Math.min(dp[i]![j]!, dp[i - 2]![j - 2]! + 1)
    }
  }
  return dp[a.length]![b.length]!
}

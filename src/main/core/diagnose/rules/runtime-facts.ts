import path from 'node:path'
import { finding, type Finding, type Fix } from '../../../../shared/findings'
import { installFor } from '../../../../shared/runtimes'
import type { ServerEntry } from '../../clients/types'
import type { CommandLocations } from '../../env/locate'
import { parseVersionNumbers, satisfies } from '../../env/version-range'
import type { Preflight } from '../../probe/preflight'

/** Commands that are runtimes (or come with one): their absence is `runtime-not-installed`. */
const RUNTIME_COMMANDS = new Set(['node', 'nodejs', 'npx', 'npm', 'python', 'python3', 'uv', 'uvx', 'pipx', 'docker', 'bun', 'bunx', 'deno', 'java'])

export function isRuntimeCommand(base: string): boolean {
  return RUNTIME_COMMANDS.has(base.toLowerCase())
}

/** The place outside the client's PATH where a command was found: the login shell first. */
export function foundElsewhere(
  locations: CommandLocations | undefined
): { path: string; where: 'login-shell' | 'known-dir'; dir: string; source?: string } | undefined {
  if (!locations) return undefined
  if (locations.loginShell?.path) return { path: locations.loginShell.path, where: 'login-shell', dir: path.dirname(locations.loginShell.path) }
  if (locations.knownDir) return { path: locations.knownDir.path, where: 'known-dir', dir: locations.knownDir.dir, source: locations.knownDir.source }
  return undefined
}

/** "the PATH of the terminal MCP Medic runs in (/usr/bin:/bin)": the client's PATH in words. */
export function wordsForPath(preflight: Preflight): string {
  const dirs = preflight.pathDirs
  const shown = dirs.length <= 6 ? dirs.join(':') : `${dirs.slice(0, 5).join(':')}:… (${dirs.length} folders)`
  return `${preflight.pathDescription ?? 'its PATH'} (${shown || 'empty'})`
}

/** A fix that installs something: the words, the official page, the package-manager command. */
export function withInstall(summary: string, install: ReturnType<typeof installFor>): Fix {
  if (!install) return { summary }
  return { summary, url: install.url, ...(install.command ? { command: install.command } : {}) }
}

/** Errors old Node versions print when modern code or npm meets them (failures.md, nvm-old-node). */
const OLD_NODE_TEXT =
  /is known not to run on Node\.js|You must supply a command|SyntaxError: Unexpected token ('\.'|'\?\?='|'&&='|'\|\|='|'\?'|\{|import|export)|ReferenceError: (File|fetch|performance|ReadableStream|structuredClone|Blob|AbortController) is not defined|SyntaxError: Cannot use import statement outside a module|Node\.js v1[0-7]\./
/** Errors uv and pip print when the Python they found is older than the package needs (py-version-mismatch). */
const OLD_PYTHON_TEXT = /does not satisfy Python\s*>=|requires a different Python|No interpreter found for Python|Requires-Python/i

const BETTER_WHERE = {
  'later-on-path': 'later on the same PATH, hidden by the older one',
  'login-shell': "on your login shell's PATH",
  'known-dir': 'in a known install folder'
} as const

/** The oldest Node the MCP TypeScript SDK runs on. */
const NODE_FLOOR = '>=18'

/**
 * `runtime-too-old`: the runtime the client would use is older than the server needs (Node older
 * than the package's `engines`, or than 18 always; Python older than `requires-python`), or the
 * server's stderr carries an old runtime's crash text. An error when the server failed, a warning
 * when it still connected.
 */
export function runtimeTooOld(entry: ServerEntry, preflight: Preflight, stderr: string, failed: boolean): Finding | undefined {
  const runtime = preflight.runtime
  const command = entry.command ?? ''
  const severity = failed ? 'error' : 'warning'
  if (runtime?.version) {
    const title = runtime.name === 'node' ? 'Node.js' : 'Python'
    const checks: { range: string; why: string }[] = []
    if (runtime.name === 'node') checks.push({ range: NODE_FLOOR, why: 'the MCP SDK needs Node 18 or newer' })
    if (runtime.required) checks.push({ range: runtime.required.range, why: `${runtime.required.source} asks for ${runtime.required.range}` })
    const broken = checks.find((c) => satisfies(runtime.version!, c.range) === false)
    if (broken) {
      const better = (runtime.alternatives ?? [])
        .filter((a) => a.version && checks.every((c) => satisfies(a.version!, c.range) !== false))
        .sort((a, b) => (parseVersionNumbers(b.version!)![0] ?? 0) - (parseVersionNumbers(a.version!)![0] ?? 0))[0]
      const install = installFor(runtime.name, preflight.platform ?? process.platform)
      const viaCommand = path.basename(command).replace(/\.(exe|cmd)$/i, '').toLowerCase().startsWith(runtime.name)
      return finding(
        'runtime-too-old',
        severity,
        `${title} ${runtime.version} is too old for this server`,
        `The client runs ${runtime.path} (${title} ${runtime.version}), but ${broken.why}.` +
          (better ? ` A newer ${title} is at ${better.path} (${better.version}), ${BETTER_WHERE[better.where]}.` : '') +
          (failed && stderr ? ' The server\'s last words are below.' : ''),
        {
          evidence: { runtime: runtime.name, path: runtime.path, version: runtime.version, required: broken.range, source: runtime.required?.source, better, stderrTail: stderr || undefined },
          fix: better
            ? {
                summary: viaCommand
                  ? `Use ${better.path} as the command.`
                  : `Put ${path.dirname(better.path)} first on the server's PATH: add "PATH": "${path.dirname(better.path)}:/usr/bin:/bin" to the entry's env.`
              }
            : withInstall(`Install a newer ${title} (${broken.range}), then re-test.`, install)
        }
      )
    }
  }
  if (!failed || !stderr) return undefined
  const oldNode = OLD_NODE_TEXT.exec(stderr)
  const oldPython = oldNode ? null : OLD_PYTHON_TEXT.exec(stderr)
  const hit = oldNode ?? oldPython
  if (!hit) return undefined
  const title = oldNode ? 'Node.js' : 'Python'
  const line = stderr.split('\n').find((l) => l.includes(hit[0])) ?? hit[0]
  return finding(
    'runtime-too-old',
    'error',
    `The server crashed the way it does on a too-old ${title}`,
    `Its stderr says "${line.trim()}", the error ${title === 'Node.js' ? 'an old Node prints when it meets modern JavaScript or npm' : 'uv and pip print when the Python they found is older than the package requires'}.` +
      (runtime?.version ? ` The client's ${title} is ${runtime.version} (${runtime.path}).` : ''),
    {
      evidence: { match: hit[0], stderrTail: stderr, version: runtime?.version },
      fix:
        title === 'Python'
          ? { summary: 'Ask for a newer Python: `uvx --python 3.12 …` or `UV_PYTHON=3.12`; `uv python install 3.12` installs one.' }
          : withInstall('Run the server with Node 18 or newer: use its absolute path as the command, or put its folder first on the entry\'s PATH.', installFor('node', preflight.platform ?? process.platform))
    }
  )
}

import path from 'node:path'
import { finding, type Finding } from '../../../../shared/findings'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { LaunchPlan } from '../../clients/launch'
import { UNDOCUMENTED_LAUNCH, unkindPath } from '../../clients/launch-models'
import type { ServerEntry } from '../../clients/types'
import type { Preflight } from '../../probe/preflight'
import { envWhereabouts, type EnvSources } from './env-missing'

/** Variables a desktop session has without any shell profile. */
const SESSION_VARS = /^(?:HOME|USER|LOGNAME|SHELL|PATH|TERM|LANG|LANGUAGE|LC_\w+|TMPDIR|TZ|DISPLAY|WAYLAND_DISPLAY|XDG_\w+|DBUS_\w+|__CF_\w+|SSH_AUTH_SOCK)$/

/**
 * Warnings for a client whose PATH and environment are not documented (Cursor, Windsurf, Goose,
 * …): its launch model assumes the kind case (it reads your login shell, or runs from a
 * terminal), and a server that works only because of that will fail the day the client is
 * started from the Dock or a desktop menu. A command (or the interpreter its `#!` line names)
 * found in a folder only the login shell adds gets `command-only-in-login-shell`; a variable
 * the entry takes from the environment that only the shell sets gets `env-missing`. Each says
 * what happens both ways and the fix that works either way. Pure.
 */
export function launchAssumptionFindings(entry: ServerEntry, preflight: Preflight, plan: Pick<LaunchPlan, 'pathFrom' | 'expansion'>, sources: EnvSources, platform: NodeJS.Platform): Finding[] {
  if (!UNDOCUMENTED_LAUNCH.has(entry.client) || platform === 'win32') return []
  if (plan.pathFrom !== 'login-shell' && plan.pathFrom !== 'terminal') return []
  const client = CLIENT_NAMES[entry.client]
  const safe = unkindPath(platform)
  const unkind = platform === 'darwin' ? 'from the Dock or Finder' : 'from the desktop menu'
  const out: Finding[] = []
  const command = entry.command ?? ''
  const resolved = preflight.resolution.path
  const interpreter = preflight.interpreter?.viaEnv ? preflight.interpreter.onClientPath : null
  const program = resolved && !/[\\/]/.test(command) && !safe.includes(path.dirname(resolved)) ? { name: command, file: resolved } : undefined
  const shebang = interpreter && !safe.includes(path.dirname(interpreter)) ? { name: path.basename(interpreter), file: interpreter } : undefined
  const missing = program ?? shebang
  if (missing) {
    const dir = path.dirname(missing.file)
    const viaScript = !program && shebang ? ` (${command} starts with "${preflight.interpreter!.line}")` : ''
    out.push(
      finding(
        'command-only-in-login-shell',
        'warning',
        `\`${missing.name}\` is found only through your login shell`,
        `${client} does not document which PATH it gives servers. Started from a terminal, or when it reads your login shell at startup, it finds ${missing.name} at ${missing.file}${viaScript}, and the server starts (MCP Medic started it that way). ` +
          `Started ${unkind} without reading the shell, it gets only ${safe.join(':')}, and the start fails ("spawn ${missing.name} ENOENT" or "env: ${missing.name}: No such file or directory").`,
        {
          evidence: { command: missing.name, absolutePath: missing.file, dir, foundIn: 'login-shell', assumed: plan.pathFrom, safePath: safe },
          fix: {
            summary: program
              ? `Use the absolute path ${missing.file} as the command${preflight.interpreter?.viaEnv ? `, and add "PATH": "${dir}:${safe.join(':')}" to the entry's env so its #! line finds ${path.basename(preflight.interpreter.program)}` : ''}: that works however ${client} is started.`
              : `Add "PATH": "${dir}:${safe.join(':')}" to the entry's env: that works however ${client} is started.`
          }
        }
      )
    )
  }
  const shellOnly = (plan.expansion?.expanded ?? [])
    .filter((r) => r.kind === 'env' && !SESSION_VARS.test(r.name) && sources.loginShell?.[r.name] !== undefined)
    .map((r) => r.name)
  const names = [...new Set(shellOnly)]
  if (names.length > 0) {
    const where = envWhereabouts(entry, names, sources)
    out.push(
      finding(
        'env-missing',
        'warning',
        `${names.join(', ')} ${names.length === 1 ? 'comes' : 'come'} only from your login shell`,
        `The entry takes ${names.join(', ')} from ${client}'s environment, and ${client} does not document where that comes from. Started from a terminal, or when it reads your login shell at startup, ${names.length === 1 ? 'it is' : 'they are'} set (your shell profile sets ${names.length === 1 ? 'it' : 'them'}); started ${unkind}, ${names.length === 1 ? 'it is' : 'they are'} not, and the server gets an empty value.`,
        {
          evidence: { variables: names, inLoginShell: where.inLoginShell, inOtherEntries: where.inOtherEntries, assumed: plan.pathFrom },
          fix: { summary: `Write the value${names.length === 1 ? '' : 's'} of ${names.join(', ')} in the entry's "env" itself: that works however ${client} is started.` }
        }
      )
    )
  }
  return out
}

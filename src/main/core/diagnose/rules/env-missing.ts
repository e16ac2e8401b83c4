import { finding, type Finding } from '../../../../shared/findings'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ServerEntry } from '../../clients/types'
import { isPlaceholder } from '../../report/redact'
import type { EnvComplaint } from './env-names'

/** Where else the variables a server needs can be found: the login shell, the other entries. */
export interface EnvSources {
  /** the login shell's environment, when it could be read */
  loginShell?: Readonly<Record<string, string | undefined>>
  /** every server discovered in this run (the entry itself among them is ignored) */
  peers?: readonly ServerEntry[]
}

/** Commands that run a package by name: the package is the server's identity, not the command line. */
const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx', 'pipx', 'deno'])
/** `docker run` options followed by a value. */
const DOCKER_VALUE_FLAGS = /^(?:-e|--env|-v|--volume|-p|--publish|--name|--network|-w|--workdir|--env-file|-u|--user|--entrypoint|--mount|-l|--label|--platform|--add-host|--cpus|-m|--memory)$/

function base(command: string): string {
  return (command.split(/[\\/]/).pop() ?? command).toLowerCase().replace(/\.(?:cmd|exe|bat|ps1)$/, '')
}

/**
 * What makes two entries the same server: the package a runner fetches (without its version),
 * the image `docker run` starts, the URL of a remote one, else the command's name and its args.
 */
export function serverIdentity(entry: Pick<ServerEntry, 'command' | 'args' | 'url'>): string | undefined {
  if (entry.url) return `url:${entry.url.replace(/[?#].*$/, '').replace(/\/+$/, '')}`
  if (!entry.command) return undefined
  const cmd = base(entry.command)
  const args = entry.args ?? []
  if (RUNNERS.has(cmd) || ((cmd === 'npm' || cmd === 'pnpm' || cmd === 'yarn') && /^(?:exec|dlx)$/.test(args[0] ?? ''))) {
    const from = args.findIndex((a) => a === '--from' || a === '-p' || a === '--package')
    const spec = from >= 0 ? args[from + 1] : args.find((a, i) => !a.startsWith('-') && !/^(?:exec|dlx|run)$/.test(a) && !/^(?:--from|-p|--package)$/.test(args[i - 1] ?? ''))
    if (spec) return `pkg:${spec.replace(/^(npm|jsr):/, '').replace(/(.)@[^/@]*$/, '$1').replace(/==.*$/, '')}`
  }
  if (cmd === 'docker' || cmd === 'podman') {
    const run = args.indexOf('run')
    for (let i = run + 1; run >= 0 && i < args.length; i++) {
      const a = args[i]!
      if (DOCKER_VALUE_FLAGS.test(a)) i++
      else if (!a.startsWith('-')) return `image:${a.replace(/:[^/:]*$/, '')}`
    }
  }
  return `cmd:${cmd} ${args.join(' ')}`
}

/** A value another entry holds that could be copied: set, not a placeholder, not a reference. */
function copyable(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && !isPlaceholder(value) && !/\$\{|^\$[A-Za-z_]|%[A-Za-z_]+%/.test(value)
}

/** Where each of `names` is found outside the entry: the login shell, other entries for the same server. */
export function envWhereabouts(
  entry: ServerEntry,
  names: readonly string[],
  sources: EnvSources
): { inLoginShell: string[]; inOtherEntries: { name: string; serverId: string }[] } {
  const inLoginShell = names.filter((n) => copyable(sources.loginShell?.[n]))
  const identity = serverIdentity(entry)
  const inOtherEntries: { name: string; serverId: string }[] = []
  for (const peer of sources.peers ?? []) {
    if (peer.id === entry.id || identity === undefined || serverIdentity(peer) !== identity) continue
    for (const n of names) if (copyable(peer.env?.[n])) inOtherEntries.push({ name: n, serverId: peer.id })
  }
  return { inLoginShell, inOtherEntries }
}

/** Every variable name known anywhere: the entry's env, the login shell's, the other entries'. */
export function knownNames(entry: ServerEntry, sources: EnvSources): { known: Set<string>; preferred: string[] } {
  const identity = serverIdentity(entry)
  const peers = (sources.peers ?? []).filter((p) => p.id !== entry.id && identity !== undefined && serverIdentity(p) === identity)
  const preferred = [...Object.keys(entry.env ?? {}), ...peers.flatMap((p) => Object.keys(p.env ?? {}))]
  return { known: new Set([...preferred, ...Object.keys(sources.loginShell ?? {})]), preferred }
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** How the client hands variables to a server, in words: why a variable set elsewhere does not arrive. */
function passing(entry: ServerEntry): string {
  const client = CLIENT_NAMES[entry.client]
  if (entry.launch.envPolicy === 'sdk-default') return `${client} passes a server only a few variables (HOME, PATH, USER, …) plus the entry's "env"`
  if (entry.launch.pathFrom === 'launchd') return `${client}, started from the Dock, does not read your shell profile`
  return `${client} passes on only what its own environment and the entry's "env" hold`
}

/**
 * `env-missing` from what the server said: the names (or, when it named none, its words), where
 * else they are set (evidence `variables`, `inLoginShell`, `inOtherEntries`, which fix actions
 * turn into "copy it in"), and the entry to add them to. A name the entry sets to a placeholder
 * is `env-placeholder` instead: the variable is passed, its value is not real.
 */
export function envMissingFinding(entry: ServerEntry, complaint: EnvComplaint, sources: EnvSources, rejected = false): Finding {
  const names = complaint.names
  const where = envWhereabouts(entry, names, sources)
  const placeholders = names.filter((n) => entry.env?.[n] !== undefined && (entry.env[n]!.trim() === '' || isPlaceholder(entry.env[n]!)))
  const setInEntry = names.filter((n) => entry.env?.[n] !== undefined && !placeholders.includes(n))
  const file = entry.configPath
  const evidence = { variables: names, inLoginShell: where.inLoginShell, inOtherEntries: where.inOtherEntries, said: complaint.said, ...(complaint.fields ? { fields: complaint.fields } : {}) }
  if (placeholders.length > 0 && placeholders.length === names.length) {
    return finding('env-placeholder', 'error', `${list(placeholders)} ${placeholders.length === 1 ? 'is' : 'are'} still a placeholder, and the server stops on it`, `The server stopped saying "${complaint.said}". The entry sets ${list(placeholders)}, but to an empty or example value, not a real one.`, {
      evidence,
      fix: { summary: `Put the real value of ${list(placeholders)} in the "env" of "${entry.name}" in ${file}.` }
    })
  }
  const parts: string[] = []
  if (complaint.how === 'field') parts.push(`Its settings check names ${complaint.fields!.map((f) => `\`${f}\``).join(', ')}; servers read ${names.length === 1 ? 'that' : 'those'} from ${list(names)}.`)
  if (setInEntry.length > 0) parts.push(`The entry sets ${list(setInEntry)}, so the server may expect another name or value (check the server's README).`)
  if (where.inLoginShell.length > 0) parts.push(`${list(where.inLoginShell)} ${where.inLoginShell.length === 1 ? 'is' : 'are'} set in your login shell, but ${passing(entry)}.`)
  for (const other of where.inOtherEntries) {
    const peer = sources.peers?.find((p) => p.id === other.serverId)
    if (peer) parts.push(`${other.name} is set in the "${peer.name}" entry of ${CLIENT_NAMES[peer.client]} (${peer.configPath}) for the same server.`)
  }
  const missing = names.filter((n) => !setInEntry.includes(n))
  const title = rejected
    ? `The server's credentials were rejected${names.length > 0 ? ` (${list(names)})` : ''}`
    : missing.length > 0
      ? `The server needs ${list(missing)}, which ${missing.length === 1 ? 'is' : 'are'} not passed to it`
      : names.length > 0
        ? `The server says ${list(names)} ${names.length === 1 ? 'is' : 'are'} missing, though the entry sets ${names.length === 1 ? 'it' : 'them'}`
        : 'The server stops for want of a credential it was not given'
  const copyFrom = where.inLoginShell.length > 0 ? ' (your login shell has the value)' : where.inOtherEntries.length > 0 ? ' (another entry for this server has the value)' : ''
  const summary = rejected
    ? `Check the value of ${names.length > 0 ? list(names) : 'the API key or token'} in the "env" of "${entry.name}" in ${file}: the server's upstream refused it.`
    : missing.length > 0
      ? `Add ${missing.map((n) => `"${n}": "…"`).join(', ')} to the "env" of "${entry.name}" in ${file}${copyFrom}.`
      : names.length > 0
        ? `Check the names and values of ${list(names)} against the server's README.`
        : `Find the variable the server's README asks for and add it to the "env" of "${entry.name}" in ${file}.`
  return finding('env-missing', 'error', title, `The server stopped saying "${complaint.said}".${parts.length > 0 ? ` ${parts.join(' ')}` : ''}`, { evidence, fix: { summary } })
}

import path from 'node:path'
import type { Finding } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import { CLIENT_NAMES } from '../../../shared/report'
import type { ServerEntry } from '../clients/types'
import { displayEnvValue } from '../report/redact'
import { editAction, mapKeyAt, strings, type PlanContext } from './types'

/**
 * Step-5 fixes: put a variable in the entry's `env` (or a header), its value copied from the
 * login shell, copied from another client's entry for the same server, or typed by the user.
 * The action carries only where the value comes from; the engine reads it when it applies it.
 */
export function envActions(finding: Finding, plan: PlanContext): FixAction[] {
  const entry = plan.entry
  const evidence = finding.evidence ?? {}
  switch (finding.code) {
    case 'env-missing': {
      const names = [...strings(evidence.variables), ...(typeof evidence.variable === 'string' ? [evidence.variable] : [])]
      const peers = Array.isArray(evidence.inOtherEntries) ? evidence.inOtherEntries : undefined
      const inShell = evidence.inLoginShell === undefined ? undefined : strings(evidence.inLoginShell)
      return [...new Set(names)].flatMap((name) => setValueActions(finding.code, plan, 'env', name, { inShell, peers }))
    }
    case 'env-placeholder': {
      const envKey = mapKeyAt(entry, evidence.jsonPath, 'env', Object.keys(entry.env ?? {}))
      if (envKey !== undefined) return setValueActions(finding.code, plan, 'env', envKey, {})
      const header = mapKeyAt(entry, evidence.jsonPath, 'headers', Object.keys(entry.headers ?? {}))
      return header === undefined ? [] : setValueActions(finding.code, plan, 'header', header, {})
    }
    case 'env-unexpanded': {
      const envKey = mapKeyAt(entry, evidence.jsonPath, 'env', Object.keys(entry.env ?? {}))
      const which = envKey !== undefined ? 'env' : 'header'
      const key = envKey ?? mapKeyAt(entry, evidence.jsonPath, 'headers', Object.keys(entry.headers ?? {}))
      if (key === undefined) return []
      // read from the entry itself: the report masks a reference that is an env value like any value
      const variable = referencedName((which === 'env' ? entry.env : entry.headers)?.[key] ?? '')
      // the login shell's value replaces the whole value only where the reference is the whole value
      const whole = variable !== undefined
      return setValueActions(finding.code, plan, which, key, { shellName: whole ? variable : undefined, noShell: !whole })
    }
    default:
      return []
  }
}

interface Sources {
  /** the rule's own word on which names the login shell has (wt-rules' env-missing evidence) */
  inShell?: string[]
  /** the rule's own word on which other entries set it */
  peers?: unknown[]
  /** the login-shell variable to copy, when it is named differently from the key */
  shellName?: string
  /** no login-shell copy (the value holds more than the variable) */
  noShell?: boolean
}

/** Copy from the login shell, copy from another entry, type it: best first. */
function setValueActions(code: string, plan: PlanContext, which: 'env' | 'header', key: string, sources: Sources): FixAction[] {
  const op = which === 'env' ? ({ op: 'set-env', key, value: '' } as const) : ({ op: 'set-header', key, value: '' } as const)
  const word = which === 'env' ? 'variable' : 'header'
  const base = `${code}:set-${which}:${key}`
  const out: FixAction[] = []
  const shellName = sources.shellName ?? key
  const inShell = sources.inShell ? sources.inShell.includes(shellName) : usable(plan.loginShellEnv?.[shellName])
  if (!sources.noShell && inShell) {
    out.push(...editAction(plan, `${base}:login-shell`, shellName === key ? `Copy ${key} from your login shell` : `Copy ${shellName} from your login shell into the ${word} ${key}`, op, { from: 'login-shell', name: shellName }))
  }
  for (const [i, peer] of peersWith(plan, which, key, sources.peers).entries()) {
    const label = `${CLIENT_NAMES[peer.client]} "${peer.name}" (${peer.scope}, ${path.basename(peer.configPath)})`
    out.push(...editAction(plan, `${base}:server:${i + 1}`, `Copy ${key} from ${label}`, op, { from: 'server', serverId: peer.id, name: key, label }))
  }
  out.push(...editAction(plan, `${base}:input`, `Set the ${word} ${key}…`, op, { from: 'input', secret: true, label: `Value of ${key}`, placeholder: which === 'header' && /^authorization$/i.test(key) ? 'Bearer …' : undefined }))
  return out
}

/** Other entries for the same server that set the key to a real value (not empty, not a placeholder). */
function peersWith(plan: PlanContext, which: 'env' | 'header', key: string, named: unknown[] | undefined): ServerEntry[] {
  const servers = plan.peers ?? []
  const has = (s: ServerEntry): boolean => usable((which === 'env' ? s.env : s.headers)?.[key])
  if (named) {
    const ids = named.map((n) => (n && typeof n === 'object' && typeof (n as { serverId?: unknown }).serverId === 'string' ? (n as { serverId: string }).serverId : undefined))
    return servers.filter((s) => ids.includes(s.id) && s.id !== plan.entry.id && has(s))
  }
  return servers.filter((s) => s.id !== plan.entry.id && sameServer(plan.entry, s) && has(s)).slice(0, 3)
}

/** Two entries start the same server: the same name, or the same package or script. */
export function sameServer(a: ServerEntry, b: ServerEntry): boolean {
  if (a.name.toLowerCase() === b.name.toLowerCase()) return true
  const pa = launchKey(a)
  return pa !== undefined && pa === launchKey(b)
}

const RUNNERS = new Set(['npx', 'uvx', 'bunx', 'pnpx', 'pipx', 'dlx'])
/** commands whose first operand says nothing about the server (docker's may be a flag's value) */
const OPAQUE = new Set(['docker', 'podman', 'sh', 'bash', 'cmd', 'powershell', 'pwsh', 'env'])

/** What an entry runs: the package a runner fetches, the script an interpreter runs, the command, or the URL. */
function launchKey(entry: ServerEntry): string | undefined {
  if (entry.url) return entry.url.replace(/[?#].*$/, '')
  if (!entry.command) return undefined
  const base = path.basename(entry.command).replace(/\.(cmd|exe)$/i, '').toLowerCase()
  if (OPAQUE.has(base)) return undefined
  const args = entry.args ?? []
  const operand = args.find((a) => !a.startsWith('-') && !['run', 'exec', 'x', 'dlx'].includes(a))
  if (RUNNERS.has(base) || ['node', 'python', 'python3', 'uv', 'deno', 'bun'].includes(base)) return operand === undefined ? undefined : `${base === 'node' || base.startsWith('python') ? 'script' : 'pkg'}:${operand.replace(/@[^@/]*$/, '')}`
  return `cmd:${entry.command}`
}

/** A value worth copying: set, not empty, not a leftover placeholder. */
function usable(value: string | undefined): boolean {
  return value !== undefined && displayEnvValue(value) === '<redacted>'
}

/** The variable a reference names: `${API_KEY}`, `${env:API_KEY}`, `$API_KEY`, `%API_KEY%`. */
function referencedName(reference: string): string | undefined {
  const match = /^\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$|^%([A-Za-z_][A-Za-z0-9_]*)%$/.exec(reference.trim())
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

import path from 'node:path'
import { finding, type Finding } from '../../../../shared/findings'
import type { ProbeOutcome } from '../../../../shared/report'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ExpansionFacts } from '../../clients/launch'
import type { ServerEntry } from '../../clients/types'
import type { PortFact } from '../../probe/port-holder'
import { redactArgs, redactText, redactUrlLoose } from '../../report/redact'
import { escapeRegExp } from '../text'
import { entryFieldPath } from './config'
import { envComplaint, rejectedCredentialLine, unnamedCredentialLine } from './env-names'
import { envMissingFinding, knownNames, type EnvSources } from './env-missing'
import {
  bridgeOf,
  cacheCorrupt,
  consoleEncoding,
  missingModule,
  missingPackage,
  networkFailure,
  permissionDenied,
  portInUse,
  readableLines,
  readOnlyCwd,
  type NetworkHit
} from './output-patterns'

/** Everything the output rules read: the entry as it ran, what it printed, the facts gathered around it. */
export interface OutputFacts {
  /** the entry with the client's expansion applied (what actually ran) */
  entry: ServerEntry
  outcome: ProbeOutcome
  /** stderr as kept by the probe, secrets already replaced */
  stderr: string
  /** the MCP client's error (a failed listing's message), secrets replaced */
  error?: string
  /** the first line the server wrote on stdout that was not JSON-RPC (servers that log errors with console.log) */
  stdoutNoise?: string
  /** which listing failed, for a server that connected and then failed */
  failedListing?: string
  exit?: { code: number | null; signal: string | null }
  /** ports the server said were taken, with their holders (a probe fact) */
  ports?: PortFact[]
  /** references the client could not fill in, which reached the server as written */
  unresolved?: ExpansionFacts['unresolved']
  /** the entry's findings from the config check, for causes it already names */
  staticFindings?: readonly Finding[]
  sources?: EnvSources
}

/** Outcomes whose generic finding a cause read from the output replaces. */
const EXITED: ReadonlySet<ProbeOutcome> = new Set(['exited', 'crash-after-start', 'protocol-error'])

/**
 * The cause a failed server's own words give, as one finding: what it could not load
 * (`module-not-found`), fetch (`package-not-found`), reach (`connection-refused`, `dns-failure`,
 * `tls-error`, `auth-required`, `http-error` for a bridge's upstream URL) or was not given
 * (`env-missing`, `env-placeholder`, `env-unexpanded`), or a `process-exited` that says why (a
 * port taken, a damaged npx cache, a folder it may not write). First match wins, most specific
 * first (failures.md's regex bank). A server that timed out is read only for a bridge's upstream
 * failure; a healthy one never. Pure: reads facts, returns at most one finding.
 */
export function outputCause(facts: OutputFacts): Finding | undefined {
  if (facts.outcome === 'ok' || facts.outcome === 'not-probed' || facts.outcome === 'spawn-error') return undefined
  const text = [facts.stderr, facts.stdoutNoise ?? '', facts.error ?? ''].join('\n')
  const lines = readableLines(text)
  const bridge = bridgeOf(facts.entry.command ?? '', facts.entry.args ?? [])
  if (facts.outcome === 'timeout') return bridge ? bridgeFinding(bridge, networkFailure(lines)) : undefined
  if (!EXITED.has(facts.outcome)) return undefined
  return (
    unexpanded(facts, text) ??
    cache(lines) ??
    moduleFinding(facts, lines) ??
    missingPathFinding(facts, lines) ??
    packageFinding(facts, lines) ??
    deniedFinding(facts, lines) ??
    (bridge ? bridgeFinding(bridge, networkFailure(lines)) : undefined) ??
    portFinding(facts, lines) ??
    encodingFinding(lines) ??
    readOnlyFinding(facts, lines) ??
    envFinding(facts, text) ??
    backendFinding(facts, lines)
  )
}

/** A reference the client left as written, which the server then quotes or names. */
function unexpanded(facts: OutputFacts, text: string): Finding | undefined {
  const ref = (facts.unresolved ?? []).find((r) => text.includes(r.text) || (r.kind === 'env' && r.name.length >= 3 && new RegExp(`\\b${escapeRegExp(r.name)}\\b`).test(text)))
  if (!ref) return undefined
  const client = CLIENT_NAMES[facts.entry.client]
  const what = ref.kind === 'env' ? `the environment variable ${ref.name} is not set where ${client} runs` : `${client}'s value for it is not known here`
  return finding('env-unexpanded', 'error', `${ref.text} reached the server as written`, `${client} expands ${ref.text}, but ${what}, so the server got the text "${ref.text}" itself, and stopped on it.`, {
    evidence: { reference: ref.text, variables: ref.kind === 'env' ? [ref.name] : [] },
    fix: {
      summary:
        ref.kind === 'env'
          ? `Set ${ref.name} in the environment ${client} starts with, give a default (\${${ref.name}:-value}) where the client allows it, or write the value in the entry.`
          : 'Write the value in the entry, or make sure the client can fill the reference in.'
    }
  })
}

function cache(lines: readonly string[]): Finding | undefined {
  const hit = cacheCorrupt(lines)
  if (!hit) return undefined
  return finding('process-exited', 'error', "npx's download cache is damaged", `The server stopped with "${hit.line}", the error npm gives when a half-written package is left in its cache (~/.npm/_npx). It repeats on every start until the cache is cleared.`, {
    evidence: { cause: 'npx-cache-corrupt', said: hit.line },
    fix: { summary: 'Clear the npx cache, then re-test.', command: 'rm -rf ~/.npm/_npx' }
  })
}

function moduleFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = missingModule(lines)
  if (!hit) return undefined
  // A missing file the config check already named is that finding's to tell.
  if (hit.isPath && (facts.staticFindings ?? []).some((f) => f.severity === 'error' && (f.code === 'file-not-found' || f.code === 'relative-path'))) return undefined
  const command = facts.entry.command ?? ''
  if (hit.runtime === 'python') {
    const venv = /\.venv|venv|virtualenv/.test(command)
    return finding('module-not-found', 'error', hit.wrongVersion ? `The installed ${hit.module} is not the version the server needs` : `Python cannot find the module ${hit.module}`, `The server stopped with "${hit.line}". ${hit.wrongVersion ? 'The package is there, but a version without what the server imports.' : `The interpreter it ran with (${command}) has no ${hit.module.split('.')[0]} installed${venv ? '' : ': a server whose dependencies live in a virtual environment must be started with that environment\'s python'}.`}`, {
      evidence: { runtime: 'python', module: hit.module, said: hit.line, interpreter: command },
      fix: {
        summary: venv
          ? `Install the server's dependencies into that environment (\`uv sync\` or \`pip install -e .\` in the project), then re-test.`
          : `Use the project's own interpreter as the command (for example /path/to/project/.venv/bin/python), or run it with \`uv --directory /path/to/project run …\`; or install ${hit.module.split('.')[0]} for ${command}.`
      }
    })
  }
  const local = hit.isPath
  const build = local && /[\\/](?:dist|build|out|lib)[\\/]/.test(hit.module)
  return finding('module-not-found', 'error', local ? `Node cannot find ${path.basename(hit.module)}` : hit.module ? `Node cannot find the package ${hit.module}` : 'Node cannot find a module the server loads', `The server stopped with "${hit.line}". ${build ? 'The file belongs in a build folder: the server was never built (or its dependencies never installed).' : local ? 'The file the server loads does not exist.' : "The server's dependencies are not installed where it runs."}`, {
    evidence: { runtime: 'node', module: hit.module, said: hit.line },
    fix: { summary: build || !local ? 'Run `npm install` (and `npm run build` if it has a build step) in the server\'s folder, then re-test.' : 'Correct the path in the entry.' }
  })
}

/** Words a server uses when a file or folder it was given is not there. */
const NOT_THERE = /cannot access|can't access|no such file|ENOENT|does not exist|doesn't exist|not found|not accessible|is not a directory|not a valid (?:directory|path)|inaccessible/i

/** A path from the entry's args that does not exist, which the server names as it stops. */
function missingPathFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const missing = (facts.entry.facts?.paths ?? []).filter((p) => !p.exists && !p.tilde && p.value.length >= 2)
  for (const fact of missing) {
    const said = lines.find((l) => (l.includes(fact.value) || l.includes(fact.resolved)) && NOT_THERE.test(l))
    if (!said) continue
    const where = fact.field === 'envFile' ? entryFieldPath(facts.entry, 'envFile') : `${entryFieldPath(facts.entry, 'args')}[${fact.index}]`
    return finding('file-not-found', 'error', `Not found: ${fact.value}`, `The entry gives the server ${fact.resolved}, which does not exist, and the server stops on it: "${said.trim().slice(0, 300)}".`, {
      evidence: { jsonPath: where, path: fact.resolved, said: said.trim().slice(0, 300) },
      fix: { summary: `Create ${fact.resolved}, or point the entry at a file or folder that exists.` }
    })
  }
  return undefined
}

/** Commands that fetch what they run: their "not found" is about the package. */
const FETCHERS = /^(?:npx|npm|pnpm|pnpx|yarn|bunx|bun|uvx|uv|pipx|docker|podman)(?:\.cmd|\.exe)?$/i

function packageFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = missingPackage(lines)
  const runner = path.basename(facts.entry.command ?? '')
  if (!hit || (hit.kind === 'no-executable' && hit.line.startsWith('sh:') && !FETCHERS.test(runner))) return undefined
  const name = hit.name ? `\`${hit.name}\`` : 'the package'
  const words: Record<typeof hit.kind, [string, string, string]> = {
    'not-in-registry': [`${name} does not exist in the package registry`, `${runner} could not find ${name} ("${hit.line}"): the name is misspelled, private, or was never published.`, 'Correct the package name (check the server\'s README), or log in to the registry that has it.'],
    'no-executable': [`${name} has no command ${runner} can run`, `${runner} fetched the package but found nothing to run ("${hit.line}"): it has no bin, or several and none named after it.`, `Name the command explicitly: \`npx -y -p <package> <command>\` or \`uvx --from <package> <command>\`.`],
    image: [`The Docker image ${name} cannot be pulled`, `docker could not get the image ("${hit.line}"): the name or tag is wrong, or the registry needs a login.`, 'Correct the image name and tag, or `docker login` to its registry.'],
    offline: [`${runner} could not download ${name}`, `The package registry could not be reached ("${hit.line}"): this machine is offline, or a proxy or firewall is in the way.`, 'Connect to the network (or set the proxy npm/uv/docker should use), or install the package so it need not be downloaded.']
  }
  const [title, detail, summary] = words[hit.kind]
  return finding('package-not-found', 'error', title, detail, { evidence: { kind: hit.kind, package: hit.name, said: hit.line }, fix: { summary } })
}

function deniedFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = permissionDenied(lines)
  if (!hit) return undefined
  const program = hit.op === 'exec' || hit.op === 'spawn' || (hit.path !== undefined && /[\\/]\.bin[\\/]|[\\/]bin[\\/][^\\/]+$/.test(hit.path))
  if (program) {
    return finding('not-executable', 'error', `${path.basename(hit.path ?? 'A program')} may not be run`, `The server's start stopped with "${hit.line}": ${hit.path ?? 'a program it starts'} lacks the execute permission (a package whose bin was published without it, or a file copied without its mode).`, {
      evidence: { path: hit.path, said: hit.line },
      fix: hit.path ? { summary: 'Give it the execute permission, or run it through its interpreter (node file.js).', command: `chmod +x ${hit.path}` } : { summary: 'Give the program the execute permission.' }
    })
  }
  return finding('process-exited', 'error', `The server may not ${hit.op ?? 'use'} ${hit.path ?? 'a file it needs'}`, `It stopped with "${hit.line}". The user ${CLIENT_NAMES[facts.entry.client]} runs as has no permission there.`, {
    evidence: { cause: 'permission-denied', path: hit.path, said: hit.line },
    fix: { summary: `Point the server at a folder it may write (often a setting or argument), or fix the permissions of ${hit.path ?? 'that file'}.` }
  })
}

function bridgeFinding(bridge: { name: string; url?: string }, hit: NetworkHit | undefined): Finding | undefined {
  if (!hit) return undefined
  const url = bridge.url ? redactUrlLoose(bridge.url) : 'its upstream URL'
  const said = `${bridge.name} reports "${hit.line}"`
  const evidence = { bridge: bridge.name, url, said: hit.line, ...(hit.target ? { target: hit.target } : {}), ...(hit.status ? { status: hit.status } : {}) }
  switch (hit.kind) {
    case 'refused':
      return finding('connection-refused', 'error', `Nothing accepts connections at ${url}`, `The server is ${bridge.name}, a bridge to ${url}; ${said}. The remote server is not running, or listens on another port or address.`, {
        evidence,
        fix: { summary: `Start the remote server (or correct the URL: ${url}); for localhost, try 127.0.0.1, since localhost may resolve to ::1.` }
      })
    case 'dns':
      return finding('dns-failure', 'error', `${hit.target ?? 'The host'} in ${url} does not resolve`, `The server is ${bridge.name}, a bridge to ${url}; ${said}.`, {
        evidence,
        fix: { summary: 'Check the host name for typos; for an internal name, connect to the VPN or network that knows it.' }
      })
    case 'tls':
      return finding('tls-error', 'error', `The certificate of ${url} is not trusted`, `The server is ${bridge.name}, a bridge to ${url}; ${said}. A self-signed certificate or a proxy that intercepts HTTPS looks like this.`, {
        evidence,
        fix: { summary: 'Add the CA that signed it to the entry\'s env: "NODE_EXTRA_CA_CERTS": "/path/to/ca.pem" (never disable verification).' }
      })
    case 'auth':
      return finding('auth-required', 'error', `${url} wants authentication`, `The server is ${bridge.name}, a bridge to ${url}; ${said}. ${hit.status === 403 ? 'The credentials it sent are refused.' : 'It needs a token, or an OAuth sign-in that cannot finish here.'}`, {
        evidence,
        fix: { summary: `Pass a token the server accepts (for example \`--header "Authorization: Bearer \${TOKEN}"\` with TOKEN in the entry's env), or complete the sign-in by running the command once in a terminal.` }
      })
    case 'http':
      return finding('http-error', 'error', `${url} answers HTTP ${hit.status}`, `The server is ${bridge.name}, a bridge to ${url}; ${said}. ${hit.status === 404 || hit.status === 405 ? 'The path or the transport is probably wrong (/mcp for Streamable HTTP, /sse for SSE).' : ''}`, {
        evidence,
        fix: { summary: hit.status === 404 || hit.status === 405 ? 'Check the URL\'s path and the bridge\'s transport option.' : 'Check that the remote server is healthy.' }
      })
  }
}

function portFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = portInUse(lines)
  if (!hit) return undefined
  const fact = facts.ports?.[0]
  const holder = fact?.holder && { pid: fact.holder.pid, command: redactText(redactArgs(fact.holder.command.split(' ')).join(' '), []) }
  const port = fact ? `Port ${fact.port}` : 'A port'
  return finding('process-exited', 'error', `${port}, which the server wants, is already taken`, `The server stopped with "${hit.line}".${holder ? ` Process ${holder.pid} (${holder.command}) holds it.` : ''} Clients that start every server twice, or a copy left running from an earlier session, look like this.`, {
    evidence: { cause: 'port-in-use', port: fact?.port, holder, said: hit.line },
    fix: { summary: holder ? `Stop process ${holder.pid} if it is a stale copy, or give the server another port (often a setting or argument).` : 'Stop whatever holds the port, or give the server another port.', ...(holder ? { command: `kill ${holder.pid}` } : {}) }
  })
}

function encodingFinding(lines: readonly string[]): Finding | undefined {
  const hit = consoleEncoding(lines)
  if (!hit) return undefined
  return finding('process-exited', 'error', 'The server crashed printing a character its console cannot encode', `It stopped with "${hit.line}": Python writes with the console's code page, which lacks the character.`, {
    evidence: { cause: 'console-encoding', said: hit.line },
    fix: { summary: 'Add "PYTHONIOENCODING": "utf-8" and "PYTHONUTF8": "1" to the entry\'s env.' }
  })
}

function readOnlyFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = readOnlyCwd(lines)
  if (!hit) return undefined
  return finding('process-exited', 'error', `The server writes to ${hit.path ?? 'its working folder'}, which it may not`, `It stopped with "${hit.line}". It writes relative to the folder it starts in, and ${CLIENT_NAMES[facts.entry.client]} starts it in ${facts.entry.launch.cwd}.`, {
    evidence: { cause: 'read-only-cwd', path: hit.path, cwd: facts.entry.launch.cwd, said: hit.line },
    fix: { summary: 'Give the server an absolute folder for its data (a setting or argument), or set the entry\'s working folder ("cwd") where the client supports it.' }
  })
}

function envFinding(facts: OutputFacts, text: string): Finding | undefined {
  const sources = facts.sources ?? {}
  const { known, preferred } = knownNames(facts.entry, sources)
  const complaint = envComplaint(text, known, preferred)
  if (complaint) return envMissingFinding(facts.entry, complaint, sources)
  const rejected = rejectedCredentialLine(text)
  const secretNames = Object.keys(facts.entry.env ?? {}).filter((k) => /key|token|secret|pass|auth|credential/i.test(k))
  if (rejected) return envMissingFinding(facts.entry, { names: secretNames, said: rejected, how: 'none' }, sources, true)
  const unnamed = unnamedCredentialLine(text)
  return unnamed ? envMissingFinding(facts.entry, { names: [], said: unnamed, how: 'none' }, sources) : undefined
}

/** A server (not a bridge) that cannot reach its own backend: a database, an API at a URL it was given. */
function backendFinding(facts: OutputFacts, lines: readonly string[]): Finding | undefined {
  const hit = networkFailure(lines)
  if (!hit || hit.kind === 'http' || hit.kind === 'auth') return undefined
  const words = { refused: 'refuses connections', dns: 'does not resolve', tls: 'has a certificate the server does not trust' }[hit.kind]
  const target = hit.target ?? 'its backend'
  const host = hit.target?.split(':')[0]
  const arg = host ? (facts.entry.args ?? []).find((v) => v.includes(host) && /^[a-z][\w+.-]*:\/\//i.test(v)) : undefined
  // an env value is never shown, only which variable holds the address
  const envKey = host && !arg ? Object.entries(facts.entry.env ?? {}).find(([, v]) => v.includes(host))?.[0] : undefined
  const where = arg ? ` It was given ${redactUrlLoose(arg)}.` : envKey ? ` Its address comes from ${envKey} in the entry's env.` : ''
  const connected = facts.outcome === 'crash-after-start'
  return finding(connected ? 'crash-after-start' : 'process-exited', 'error', `The server's backend at ${target} ${words}`, `${connected ? `The server connected, but ${facts.failedListing ? `\`${facts.failedListing}/list\`` : 'a request'} failed` : 'The server stopped'} with "${hit.line}": the service it works with (a database, an API) is not reachable.${where}`, {
    evidence: { cause: `backend-${hit.kind}`, target: hit.target, said: hit.line },
    fix: { summary: `Start the service at ${target}, or correct its address in the entry.` }
  })
}

import { finding, type Finding } from '../../../../shared/findings'
import { CLIENT_NAMES, type ClientId } from '../../../../shared/report'
import { commandName, type PathFact } from '../../clients/facts'
import { isPlainObject, splitCommandLine } from '../../clients/entry'
import { claudeSettingsEnv } from '../../clients/launch'
import { INTERPOLATION, findReferences, type InterpolationRules, type Reference } from '../../clients/interpolation'
import { jsonPathJoin } from '../../clients/normalize'
import type { Discovery, ServerEntry } from '../../clients/types'
import type { EngineContext } from '../../context'
import { displayEnvValue, redactArgs, redactText, redactUrl } from '../../report/redact'
import { shellQuote } from '../text'


/**
 * Static rules: what is wrong with an entry as written, decided from the entry and the facts
 * discovery gathered (paths, cwd, inputs). Rules never start processes or touch files.
 * Adds each server's findings to it and returns the discovery.
 */
export function applyConfigRules(ctx: EngineContext, discovery: Discovery): Discovery {
  for (const server of discovery.servers) {
    const position = server.location?.position
    for (const f of configFindings(ctx, server)) {
      server.findings.push(position && f.evidence?.line === undefined ? { ...f, evidence: { ...f.evidence, line: position.line, column: position.column } } : f)
    }
  }
  return discovery
}

/** Windows commands that are `.cmd` shims, which cannot be spawned without a shell. */
const WINDOWS_SHIMS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'yarnpkg', 'tsx', 'ts-node', 'corepack'])
/**
 * How each client on Windows reacts to a `.cmd` shim spawned without `cmd /c` (failures.md
 * win-cmd-shim): Claude Code warns ("Windows requires 'cmd /c' wrapper"), Cline and Roo fail with
 * ENOENT; clients built on the MCP SDK's cross-spawn resolve shims themselves.
 */
const SHIM_SEVERITY: Partial<Record<ClientId, 'error' | 'warning'>> = { 'claude-code': 'warning', cline: 'error' }
const SHELLS = new Set(['sh', 'bash', 'zsh', 'fish', 'dash', 'cmd', 'powershell', 'pwsh', 'wsl'])

/** Where a field of an entry sits in its file, as the findings' `jsonPath` evidence names it. */
export function entryFieldPath(entry: Pick<ServerEntry, 'name' | 'location'>, field: string | number): string {
  const base = entry.location?.container ? entry.location.container.reduce((acc, k) => jsonPathJoin(acc, k), '') : 'mcpServers'
  return jsonPathJoin(jsonPathJoin(base, entry.name), field)
}

/** Every static finding for one entry. */
export function configFindings(ctx: EngineContext, entry: ServerEntry): Finding[] {
  const out: Finding[] = []
  const client = CLIENT_NAMES[entry.client]
  const at = (field: string | number): string => entryFieldPath(entry, field)
  const command = entry.command
  const args = entry.args ?? []
  const name = command !== undefined ? commandName(command) : ''
  const viaShell = SHELLS.has(name)

  if (entry.transport === 'stdio' && command !== undefined) {
    if (/\s/.test(command.trim()) && entry.facts?.commandIsFile !== true) {
      const parts = redactArgs(splitCommandLine(command))
      const shown = parts.join(' ')
      out.push(
        finding('command-contains-args', 'error', 'The command holds a whole command line', `"${shown}" is started as one program name, with no shell to split it, so the system looks for a file called that.`, {
          evidence: { jsonPath: at('command'), command: shown },
          fix: { summary: `Put the program alone in "command" (${JSON.stringify(parts[0] ?? '')}) and each of the rest as its own item in "args" (${JSON.stringify([...parts.slice(1), ...redactArgs(args)])}).` }
        })
      )
    } else if (/^(["']).*\1$/.test(command.trim())) {
      out.push(quoted(at('command'), command))
    }
    args.forEach((arg, i) => {
      if (/^(["']).+\1$/.test(arg) && !viaShell) out.push(quoted(at('args'), redactText(arg, []), i))
      else if (/^--?[A-Za-z][\w-]*\s+\S/.test(arg) && !viaShell) {
        const pair = redactArgs(arg.split(/\s+/).slice(0, 2))
        out.push(
          finding('command-contains-args', 'warning', `Argument ${i + 1} holds a flag and its value together`, `"${pair.join(' ')}" reaches the server as one argument; no shell splits it at the space.`, {
            evidence: { jsonPath: `${at('args')}[${i}]` },
            fix: { summary: `Write it as two items: ${JSON.stringify(pair)} (or "${pair.join('=')}" if the server accepts that form).` }
          })
        )
      }
    })
    out.push(...windowsShim(ctx, entry, command, args, at))
    out.push(...docker(entry, name, args, at))
    out.push(...controlCharacters(entry, at))
    out.push(...pathFindings(entry, at))
  }
  if (entry.transport !== 'stdio' && entry.url !== undefined) out.push(...urlFindings(ctx, entry, at))
  out.push(...placeholders(entry, at))
  out.push(...references(ctx, entry, viaShell, at))
  out.push(...clientSpecific(ctx, entry, at))
  return out

  function quoted(path: string, value: string, index?: number): Finding {
    return finding('command-contains-args', 'error', `${index === undefined ? 'The command' : `Argument ${index + 1}`} is wrapped in quotes`, `${client} passes ${value} to the program with the quotes in it, because no shell removes them; a path like that is not found.`, {
      evidence: { jsonPath: index === undefined ? path : `${path}[${index}]`, value },
      fix: { summary: `Remove the quotes: ${JSON.stringify(value.slice(1, -1))}. JSON already marks where the string starts and ends.` }
    })
  }
}

function windowsShim(ctx: EngineContext, entry: ServerEntry, command: string, args: readonly string[], at: (f: string) => string): Finding[] {
  if (ctx.platform !== 'win32') return []
  const severity = SHIM_SEVERITY[entry.client]
  const name = commandName(command)
  const isShim = WINDOWS_SHIMS.has(name) || /\.(cmd|bat)$/i.test(command)
  if (!severity || !isShim || name === 'cmd') return []
  const rest = [name, ...redactArgs(args)]
  return [
    finding('windows-cmd-wrapper-needed', severity, `On Windows, ${name} must be started through cmd /c`, `${name} is a .cmd batch script on Windows. ${CLIENT_NAMES[entry.client]} starts commands without a shell, which fails with "spawn ${name} ENOENT" (or EINVAL for ${name}.cmd).`, {
      evidence: { jsonPath: at('command'), command },
      fix: { summary: `Use "command": "cmd" and "args": ${JSON.stringify(['/c', ...rest])}.` }
    })
  ]
}

function docker(entry: ServerEntry, name: string, args: readonly string[], at: (f: string) => string): Finding[] {
  if ((name !== 'docker' && name !== 'podman') || !args.includes('run')) return []
  const runArgs = args.slice(args.indexOf('run') + 1)
  const flags = runArgs.filter((a) => a.startsWith('-'))
  const interactive = flags.some((f) => f === '--interactive' || f === '--interactive=true' || /^-[a-zA-Z]*i[a-zA-Z]*$/.test(f))
  const detached = flags.some((f) => f === '--detach' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(f))
  const out: Finding[] = []
  if (!interactive || detached) {
    out.push(
      finding('config-invalid-entry', 'error', detached ? `${name} run detaches the server` : `${name} run without -i`, detached ? `With -d the container runs in the background and its stdin is not connected, so ${CLIENT_NAMES[entry.client]} cannot talk to the server.` : `Without -i the container's stdin is closed, so the server never receives the MCP handshake and exits or hangs.`, {
        evidence: { jsonPath: at('args'), args: redactArgs(args) },
        fix: { summary: `Start the container with "-i" (and "--rm"), never "-d": ["run", "-i", "--rm", …].` }
      })
    )
  }
  return out
}

/** A TAB or newline inside a path: `"c:\temp"` in JSON is `c:<TAB>emp` (failures.md win-json-backslash). */
function controlCharacters(entry: ServerEntry, at: (f: string) => string): Finding[] {
  const values: [string, string][] = [[at('command'), entry.command ?? ''], ...(entry.args ?? []).map((a, i): [string, string] => [`${at('args')}[${i}]`, a])]
  if (entry.cwd) values.push([at('cwd'), entry.cwd])
  for (const [path, value] of values) {
    const control = /[\t\n\r\f\b]/.exec(value)
    if (!control) continue
    const shown = JSON.stringify(redactText(value, []))
    return [
      finding('config-invalid-entry', 'error', 'A path contains a control character', `${shown} holds a ${control[0] === '\t' ? 'TAB' : 'line break or control character'}: in JSON, a single backslash starts an escape, so "c:\\temp" is read as "c:" + TAB + "emp". The path the server gets does not exist.`, {
        evidence: { jsonPath: path },
        fix: { summary: 'Double every backslash in Windows paths (C:\\\\temp\\\\project) or use forward slashes (C:/temp/project).' }
      })
    ]
  }
  return []
}

function pathFindings(entry: ServerEntry, at: (f: string) => string): Finding[] {
  const facts = entry.facts
  if (!facts?.checked) return []
  const out: Finding[] = []
  const client = CLIENT_NAMES[entry.client]
  if (facts.cwd && (!facts.cwd.exists || !facts.cwd.isDir)) {
    out.push(
      finding('cwd-not-found', 'error', 'The working directory does not exist', `The entry starts the server in ${facts.cwd.resolved}, which ${facts.cwd.exists ? 'is not a folder' : 'does not exist'}. The system reports this as "spawn … ENOENT", which looks like a missing command but is not.`, {
        evidence: { jsonPath: at('cwd'), cwd: facts.cwd.resolved },
        fix: { summary: 'Point "cwd" at a folder that exists, or remove it.' }
      })
    )
  }
  const clientFixesCwd = entry.project !== undefined || entry.cwd !== undefined
  for (const fact of facts.paths) {
    const where = fact.field === 'envFile' ? at('envFile') : `${at('args')}[${fact.index}]`
    if (fact.tilde) {
      if (fact.exists || (!fact.script && !fact.expandedExists)) continue
      out.push(
        finding(fact.expandedExists ? 'relative-path' : 'file-not-found', fact.expandedExists ? 'warning' : 'error', `"~" is not expanded in ${fact.value}`, `No shell runs the command, so "~" is passed to the server as a folder literally named "~"${fact.expandedExists ? ', although the file exists in your home folder' : '; the file does not exist in your home folder either'}.`, {
          evidence: { jsonPath: where, value: fact.value },
          fix: { summary: 'Write the absolute path instead of "~/…".' }
        })
      )
      continue
    }
    if (fact.relative && (entry.client === 'claude-desktop' || !clientFixesCwd)) {
      out.push(relativeFinding(entry, fact, where))
      continue
    }
    if (!fact.exists && fact.script) out.push(missingFile(fact, where, client))
  }
  return out
}

function relativeFinding(entry: ServerEntry, fact: PathFact, where: string): Finding {
  const client = CLIENT_NAMES[entry.client]
  const desktop = entry.client === 'claude-desktop'
  return finding(
    'relative-path',
    desktop || !fact.exists ? 'error' : 'warning',
    `Relative path: ${fact.value}`,
    desktop
      ? `Claude Desktop starts servers in its own folder ("/" on macOS, its install folder on Windows) and does not support "cwd", so "${fact.value}" is looked for there.`
      : `${client} resolves "${fact.value}" against the folder it was started from, which this entry does not fix. From ${entry.launch.cwd} it is ${fact.resolved}, which ${fact.exists ? 'exists, but will not from other folders' : 'does not exist'}.`,
    { evidence: { jsonPath: where, value: fact.value, resolved: fact.resolved }, fix: { summary: 'Use an absolute path.' } }
  )
}

function missingFile(fact: PathFact, where: string, client: string): Finding {
  const build = fact.build
  const detail = build
    ? `${fact.resolved} does not exist. It belongs in the "${build.outDir}" folder of the package in ${build.packageDir}, which has a "${build.script}" script: the server was never built${build.nodeModules ? '' : ', and its dependencies were never installed'}.`
    : `${fact.resolved} does not exist, so the server cannot start ("Cannot find module" or "No such file" in ${client}'s log).`
  return finding('file-not-found', 'error', `File not found: ${fact.value}`, detail, {
    evidence: { jsonPath: where, path: fact.resolved, ...(build ? { packageDir: build.packageDir, script: build.script } : {}) },
    fix: build
      ? { summary: 'Install the dependencies and build the server, then re-test.', command: `cd ${shellQuote(build.packageDir)} && ${build.nodeModules ? '' : 'npm install && '}npm run ${build.script}` }
      : { summary: 'Correct the path, or install the server where the entry expects it.' }
  })
}

function urlFindings(ctx: EngineContext, entry: ServerEntry, at: (f: string) => string): Finding[] {
  const url = entry.url ?? ''
  const shown = safeUrl(url)
  const refs = findReferences(entry.client, url, ctx.env)
  if (refs.length > 0) return []
  const field = isPlainObject(entry.raw) ? (['serverUrl', 'httpUrl', 'uri', 'url'].find((k) => entry.raw && (entry.raw as Record<string, unknown>)[k] !== undefined) ?? 'url') : 'url'
  let parsed: URL | undefined
  try {
    parsed = new URL(url.trim())
  } catch {
    parsed = undefined
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    const why = !parsed ? 'is not a valid URL' : `uses ${parsed.protocol.replace(':', '')}, not http or https`
    return [
      finding('invalid-url', 'error', `Invalid URL: ${shown}`, `"${shown}" ${why}. Remote MCP servers are reached over http:// or https:// (Streamable HTTP or SSE).`, {
        evidence: { jsonPath: at(field), url: shown },
        fix: { summary: !parsed && !/^[a-z]+:\/\//i.test(url) ? `Add the scheme: "https://${shown}".` : 'Use the server\'s http(s) endpoint, often ending in /mcp (Streamable HTTP) or /sse (SSE).' }
      })
    ]
  }
  if (url !== url.trim()) {
    return [finding('invalid-url', 'warning', 'The URL has spaces around it', `"${shown}" starts or ends with whitespace, which some clients keep.`, { evidence: { jsonPath: at(field) }, fix: { summary: 'Remove the spaces.' } })]
  }
  const path = parsed.pathname.replace(/\/+$/, '')
  if (entry.transport === 'http' && /\/sse$/i.test(path)) {
    return [transportHint(entry, at, `The URL ends in /sse, the usual path of the older SSE transport, but ${CLIENT_NAMES[entry.client]} will speak Streamable HTTP to it.`, 'If the server speaks SSE, set the type to SSE; if it speaks Streamable HTTP, its endpoint is usually /mcp.')]
  }
  if (entry.transport === 'sse' && /\/mcp$/i.test(path)) {
    const why =
      entry.client === 'gemini-cli'
        ? 'Gemini CLI treats "url" as SSE; Streamable HTTP servers go in "httpUrl".'
        : entry.client === 'cline' && isPlainObject(entry.raw) && entry.raw.type === undefined
          ? 'Cline assumes SSE when "type" is missing.'
          : `${CLIENT_NAMES[entry.client]} will speak SSE to it.`
    const fix = entry.client === 'gemini-cli' ? 'Rename "url" to "httpUrl" if the server speaks Streamable HTTP.' : entry.client === 'cline' ? 'Add "type": "streamableHttp" if the server speaks Streamable HTTP.' : 'Set the type to Streamable HTTP if the server speaks it.'
    return [transportHint(entry, at, `The URL ends in /mcp, the usual Streamable HTTP endpoint, but ${why}`, fix)]
  }
  return []
}

function transportHint(entry: ServerEntry, at: (f: string) => string, detail: string, fix: string): Finding {
  return finding('transport-mismatch', 'warning', 'The URL and the transport may not match', detail, { evidence: { jsonPath: at('url'), url: safeUrl(entry.url ?? '') }, fix: { summary: fix } })
}

function placeholders(entry: ServerEntry, at: (f: string) => string): Finding[] {
  const out: Finding[] = []
  const check = (map: Record<string, string> | undefined, field: string, strip = false): void => {
    for (const [key, raw] of Object.entries(map ?? {})) {
      const value = strip ? raw.replace(/^(Bearer|Basic|Token)\s+/i, '') : raw
      const shown = displayEnvValue(value)
      if (shown === '<redacted>' || findReferences(entry.client, value, {}).length > 0) continue
      out.push(
        finding('env-placeholder', 'warning', shown === '<empty>' ? `${key} is empty` : `${key} is still a placeholder`, shown === '<empty>' ? `The entry sets ${key} to an empty value; a server that needs it will fail to authenticate or start.` : `The value of ${key} looks like a placeholder from a README (for example "your_api_key_here" or "<TOKEN>"), not a real value.`, {
          evidence: { jsonPath: jsonPathJoin(at(field), key), value: shown },
          fix: { summary: `Set ${key} to the real value.` }
        })
      )
    }
  }
  check(entry.env, 'env')
  check(entry.headers, 'headers', true)
  ;(entry.args ?? []).forEach((arg, i) => {
    const value = arg.includes('=') && arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1) : arg
    if (/^<[A-Za-z][^>]*>$|^(?:YOUR|your)[-_][A-Za-z_-]+$/.test(value)) {
      out.push(finding('env-placeholder', 'warning', `Argument ${i + 1} is still a placeholder`, `"${value}" looks like a placeholder copied from a README, not a real value.`, { evidence: { jsonPath: `${at('args')}[${i}]` }, fix: { summary: 'Replace it with the real value.' } }))
    }
  })
  return out
}

function references(ctx: EngineContext, entry: ServerEntry, viaShell: boolean, at: (f: string) => string): Finding[] {
  const rules = INTERPOLATION[entry.client]
  const client = CLIENT_NAMES[entry.client]
  const values: [string, string][] = []
  if (entry.command) values.push([at('command'), entry.command])
  ;(entry.args ?? []).forEach((a, i) => values.push([`${at('args')}[${i}]`, a]))
  for (const [k, v] of Object.entries(entry.env ?? {})) values.push([jsonPathJoin(at('env'), k), v])
  if (entry.url) values.push([at('url'), entry.url])
  for (const [k, v] of Object.entries(entry.headers ?? {})) values.push([jsonPathJoin(at('headers'), k), v])
  const out: Finding[] = []
  const seen = new Set<string>()
  // Claude Code's settings env is part of the environment its expansion reads.
  const env = entry.client === 'claude-code' && values.some(([, v]) => v.includes('${')) ? { ...ctx.env, ...claudeSettingsEnv(ctx) } : ctx.env
  for (const [path, value] of values) {
    for (const ref of findReferences(entry.client, value, env, { inputs: entry.facts?.inputs, windowsCmd: viaShell })) {
      if (viaShell && !ref.supported && ref.text.startsWith('$') && !ref.text.startsWith('${')) continue
      if (seen.has(ref.text)) continue
      const problem = describeReference(ref, client, rules)
      if (!problem) continue
      seen.add(ref.text)
      out.push(finding('env-unexpanded', problem.severity, problem.title, problem.detail, { evidence: { jsonPath: path, reference: ref.text }, fix: { summary: problem.fix } }))
    }
  }
  return out
}

function describeReference(
  ref: Reference,
  client: string,
  rules: InterpolationRules
): { severity: 'error' | 'warning'; title: string; detail: string; fix: string } | undefined {
  const { syntax, documented, unset } = rules
  if (!ref.supported) {
    if (ref.kind === 'secret' || ref.kind === 'other') return undefined
    return {
      severity: documented ? 'error' : 'warning',
      title: `${ref.text} is not expanded by ${client}`,
      detail: `${client} ${syntax ? `expands ${syntax}, not ${ref.text}` : 'expands no variables in server entries'}, so the server receives the text "${ref.text}" itself.`,
      fix: syntax ? `Write it as ${syntax.split(' or ')[0]!.replace('VAR', ref.name).replace('id', ref.name)}, or put the value itself.` : 'Put the value itself in the entry.'
    }
  }
  if (ref.kind === 'input' && ref.set === false) {
    return { severity: 'error', title: `${ref.text} names no declared input`, detail: `The file declares no input with id "${ref.name}" under "inputs", so ${client} cannot ask for its value.`, fix: `Add { "id": "${ref.name}", "type": "promptString", "password": true } to "inputs".` }
  }
  if (ref.kind === 'env' && ref.set === false && ref.default === undefined) {
    // A client that warns about it (Claude Code) still starts the server, with the text as written.
    const warned = rules.unsetWarning?.replace('NAME', ref.name)
    const then = warned
      ? ` ${client} warns "${warned}" and starts the server with the text "${ref.text}" itself.`
      : unset === 'empty'
        ? ` ${client} then passes an empty value.`
        : unset === 'literal'
          ? ` ${client} then passes the text "${ref.text}" itself.`
          : ''
    return {
      severity: warned ? 'error' : 'warning',
      title: `${ref.name} is not set`,
      detail: `${ref.text} refers to the environment variable ${ref.name}, which is not set where MCP Medic runs.${then} A client started from the Dock or Start menu may not see variables set in your shell profile either.`,
      fix: warned ? `Set ${ref.name} for ${client}, or give a default: \${${ref.name}:-value}.` : `Set ${ref.name} in the environment ${client} starts with, or write the value in the entry.`
    }
  }
  return undefined
}

function clientSpecific(ctx: EngineContext, entry: ServerEntry, at: (f: string) => string): Finding[] {
  if (entry.client !== 'codex' || !isPlainObject(entry.raw)) return []
  const out: Finding[] = []
  const names = Array.isArray(entry.raw.env_vars) ? entry.raw.env_vars.filter((v): v is string => typeof v === 'string') : []
  const token = typeof entry.raw.bearer_token_env_var === 'string' ? [entry.raw.bearer_token_env_var] : []
  for (const name of [...names, ...token]) {
    if (ctx.env[name] !== undefined && ctx.env[name] !== '') continue
    out.push(
      finding('env-missing', 'warning', `${name} is not set`, `Codex passes ${name} to the server from its own environment (${token.includes(name) ? 'bearer_token_env_var' : 'env_vars'}), but it is not set where MCP Medic runs.`, {
        evidence: { jsonPath: at(token.includes(name) ? 'bearer_token_env_var' : 'env_vars'), variable: name },
        fix: { summary: `Export ${name} in the shell Codex runs from.` }
      })
    )
  }
  return out
}

/** A URL as it may be shown: userinfo and query values replaced, even when the scheme is missing. */
function safeUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim())) return redactUrl(url.trim())
  const withScheme = redactUrl(`https://${url.trim()}`)
  return withScheme.startsWith('https://') ? withScheme.slice('https://'.length) : redactText(url, [])
}

import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CLIENT_IDS, type ClientId } from '../shared/report'

export class UsageError extends Error {}

export interface Selection {
  projects: string[]
  clients: ClientId[]
  servers: string[]
  timeoutMs?: number
  /** how long the login shell may take to print its environment */
  shellTimeoutMs?: number
  probe: boolean
}

export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | ({ kind: 'diagnose'; json: boolean } & Selection)
  | ({ kind: 'report'; format: 'md' | 'json' | 'html'; output?: string } & Selection)
  | { kind: 'serve'; port: number; open: boolean }

const SELECTION_OPTIONS = {
  project: { type: 'string', multiple: true },
  client: { type: 'string', multiple: true },
  server: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'shell-timeout': { type: 'string' },
  'no-probe': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Parses the command line. Throws `UsageError` with a message a user can act on. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv
  if (first === undefined) return { kind: 'diagnose', json: false, ...emptySelection() }
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help', topic: rest[0] }
  if (first === '--version' || first === '-v' || first === 'version') return { kind: 'version' }
  if (first === 'serve') return parseServe(rest)
  if (first === 'report') return parseReport(rest)
  if (first === 'diagnose') return parseDiagnose(rest)
  if (first.startsWith('-')) return parseDiagnose(argv)
  throw new UsageError(`Unknown command "${first}". Commands: diagnose, report, serve. See mcp-medic --help.`)
}

function parseDiagnose(argv: readonly string[]): Command {
  const { values } = parse(argv, { ...SELECTION_OPTIONS, json: { type: 'boolean' } })
  if (values.help) return { kind: 'help', topic: 'diagnose' }
  return { kind: 'diagnose', json: values.json === true, ...selection(values) }
}

function parseReport(argv: readonly string[]): Command {
  const { values } = parse(argv, {
    ...SELECTION_OPTIONS,
    format: { type: 'string' },
    output: { type: 'string', short: 'o' }
  })
  if (values.help) return { kind: 'help', topic: 'report' }
  const format = values.format ?? 'md'
  if (format !== 'md' && format !== 'json' && format !== 'html') {
    throw new UsageError(`--format must be md, json or html, not "${format}".`)
  }
  return { kind: 'report', format, output: values.output, ...selection(values) }
}

function parseServe(argv: readonly string[]): Command {
  const { values } = parse(argv, {
    port: { type: 'string' },
    open: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  if (values.help) return { kind: 'help', topic: 'serve' }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`)
  }
  return { kind: 'serve', port, open: values.open === true }
}

type SelectionValues = {
  project?: string[]
  client?: string[]
  server?: string[]
  timeout?: string
  'shell-timeout'?: string
  'no-probe'?: boolean
}

function selection(values: SelectionValues): Selection {
  const clients = (values.client ?? []).map((c) => {
    if (!(CLIENT_IDS as readonly string[]).includes(c)) {
      throw new UsageError(`Unknown client "${c}". Known clients: ${CLIENT_IDS.join(', ')}.`)
    }
    return c as ClientId
  })
  return {
    projects: values.project ?? [],
    clients,
    servers: values.server ?? [],
    timeoutMs: milliseconds('--timeout', values.timeout, 600_000),
    shellTimeoutMs: milliseconds('--shell-timeout', values['shell-timeout'], 120_000),
    probe: values['no-probe'] !== true
  }
}

function milliseconds(option: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined
  const ms = Number(value)
  if (!Number.isInteger(ms) || ms < 100 || ms > max) {
    throw new UsageError(`${option} is in milliseconds, from 100 to ${max}, not "${value}".`)
  }
  return ms
}

function emptySelection(): Selection {
  return { projects: [], clients: [], servers: [], probe: true }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true as const })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'))
  }
}

export const HELP: Record<string, string> = {
  main: `mcp-medic — find out why an MCP server fails to start or connect

Usage:
  mcp-medic [diagnose] [options]      check every configured MCP server (the default)
  mcp-medic report [options]          write a redacted report to share
  mcp-medic serve [--port N] [--open] open the app in your browser
  mcp-medic --help | --version

Selection options (diagnose and report):
  --project DIR    also look for project-scoped configs in DIR (repeatable). The current folder
                   and every project Claude Code knows are always searched.
  --client ID      only this client (repeatable): ${CLIENT_IDS.join(', ')}
  --server NAME    only the server with this name or id (repeatable)
  --timeout MS     how long to wait for each server to answer, in milliseconds
                   (default: each client's own startup timeout, 30000 for Claude Code)
  --shell-timeout MS
                   how long your login shell may take to print its environment (default
                   10000; also MCP_MEDIC_SHELL_TIMEOUT)
  --no-probe       read and check the configs, start no server

diagnose:
  --json           print the report model as one JSON document, nothing else

report:
  --format md|json|html   report format (default md)
  -o, --output FILE       write to FILE instead of stdout

serve:
  --port N         listen on 127.0.0.1:N (default: a random free port)
  --open           open the URL in your browser
  The first line printed is the URL to open; it carries a one-time token.

Exit status:
  0  no server has an error
  1  at least one error was found
  2  bad usage, or MCP Medic itself failed

Secrets (env values, headers, tokens in args and URLs) never appear in the output.`
}
HELP.diagnose = HELP.main!
HELP.report = HELP.main!
HELP.serve = HELP.main!

import type { LogLine } from '../../../shared/logs'
import { redactText } from '../report/redact'
import { recognise } from './recognise'

/**
 * What a client's log line says: when, how bad, about which server, and whether it marks the start
 * of a connection attempt, a connection that worked, or one that failed. One parser per way the
 * clients write (verified against the files they write; sources in locate.ts):
 *
 * - `claude-code-jsonl`: Claude Code's `mcp-logs-NAME/<session>.jsonl`, one JSON record per line
 *   (`{"debug"|"error": message, "timestamp", "sessionId", "cwd"}`; every stderr line of the server
 *   is filed under "error", so that key alone does not mean failure).
 * - `claude-code-debug`: `~/.claude/debug/<session>.txt`, `ISO [LEVEL] MCP server "NAME": message`.
 * - `claude-desktop`: `mcp.log`, `mcp-server-NAME.log`, `ISO [NAME] [level] message`; the server's
 *   raw stderr lines have no prefix at all.
 * - `editor`: VS Code and its forks' output channels, `YYYY-MM-DD HH:MM:SS.mmm [level] message`
 *   (local time).
 * - `plain`: anything else with an optional leading timestamp and level (Codex's tracing log, Zed).
 *
 * A line with no timestamp continues the record before it (a stack trace, multi-line stderr): it
 * takes that record's time and server.
 */

export type LogFormat = 'claude-code-jsonl' | 'claude-code-debug' | 'claude-desktop' | 'editor' | 'plain'

export type LineEvent = 'start' | 'ok' | 'fail'

export interface ParsedLine extends LogLine {
  event?: LineEvent
  /** the server a line names as its subject (`[NAME]`, `MCP server "NAME"`), when it names one */
  tag?: string
}

export interface ParseOptions {
  format: LogFormat
  /** the server the lines are read for */
  name: string
  /** the whole file is about that server: no line needs to name it */
  forServer: boolean
  /** values that must never be shown (env and header values, tokens in args) */
  secrets: readonly string[]
  /**
   * only what a scan for connection attempts needs: no masking, and recognition only for the
   * client's own error lines. Such lines are never shown; the ones that matter are parsed again.
   */
  light?: boolean
}

const LEADING_TIME = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s*/
const DESKTOP_TAG = /^\[([^\]]{1,200})\]\s+\[(info|warn|warning|error|debug)\]\s*/i
const QUOTED_TAG = /MCP server ["']([^"']{1,200})["']|MCP client for [`'"]([^`'"]{1,200})[`'"]|\[MCP\] Server ["']([^"']{1,200})["']/

const EVENTS: readonly [LineEvent, RegExp][] = [
  ['fail', /Connection failed|Server transport closed unexpectedly|Server disconnected|Connection state: Error|exited before responding|Client closed for command|failed to start|Failed to connect|Error connecting to MCP|timed out after \d+\s?ms|Could not connect to MCP server/i],
  ['ok', /Successfully connected|Connection established|Discovered \d+ tools?|Found \d+ tools?|"result"\s*:\s*\{\s*"(?:protocolVersion|capabilities|serverInfo)"|Connected to .{1,200} \(\d+ tools?\)/i],
  ['start', /Starting connection|Initializing server|Starting server\b|Connection state: Starting|Creating (?:stdio |sse |http )?client/i]
]

/** Terminal escapes (colours, cursor moves, titles) and other control characters, which a log viewer must not interpret. */
export function stripEscapes(text: string): string {
  /* eslint-disable no-control-regex -- matching control characters is the point */
  return text
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '') // OSC (window titles, links)
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '') // CSI (colours, cursor)
    .replace(/\u001b[@-Z\\-_]/g, '') // other two-byte escapes
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '') // remaining C0/C1 controls (tab and newline stay)
  /* eslint-enable no-control-regex */
}

/**
 * Parses the lines of one file. `firstLine` is the 1-based number of `raw[0]`; `fallbackAt` dates
 * lines before the first timestamp. `pick` chooses the lines to return: masking and recognising
 * cost tens of microseconds a line, so a reader showing the newest 500 of 10,000 lines parses
 * only those fully, and the others only for the time and server they pass on to the next line.
 */
export function parseLines(
  raw: readonly string[],
  firstLine: number,
  options: ParseOptions,
  fallbackAt?: string,
  pick: (index: number, line: string) => boolean = () => true
): ParsedLine[] {
  const out: ParsedLine[] = []
  let at = fallbackAt
  let tag: string | undefined
  raw.forEach((line, i) => {
    const wanted = pick(i, line)
    // a JSONL record carries its own time and passes nothing on: a skipped one need not be parsed at all
    if (!wanted && options.format === 'claude-code-jsonl') return
    const parsed = parseOne(stripEscapes(line), options.format)
    if (parsed.at) {
      at = parsed.at
      tag = parsed.tag
    } else if (parsed.tag) tag = parsed.tag
    if (!wanted) return
    const text = options.light ? parsed.text : redactText(parsed.text, options.secrets)
    const lineTag = parsed.at || parsed.tag ? parsed.tag : tag
    const own = parsed.at !== undefined && !parsed.stderr
    const recognised = !options.light || (own && (parsed.level ?? levelOf(parsed.body, false)) === 'error') ? recognise(text) : undefined
    // what the server printed is evidence, not the client's verdict: it gets a level only when it is a known failure
    const level = parsed.stderr ? (recognised ? 'error' : undefined) : (parsed.level ?? levelOf(parsed.body, recognised !== undefined))
    // events are the client's own words about a connection (`own`: a timestamped line it wrote, not the server's output);
    // a known failure the client itself logged as an error ("[weather] [error] spawn node ENOENT") is a failed attempt too
    const event = own ? (EVENTS.find(([, re]) => re.test(parsed.body))?.[0] ?? (level === 'error' && recognised ? 'fail' : undefined)) : undefined
    const about = options.forServer ? undefined : lineTag !== undefined ? lineTag === options.name : mentions(parsed.body, options.name)
    out.push({
      n: firstLine + i,
      text,
      ...(level ? { level } : {}),
      ...(recognised ? { recognised } : {}),
      ...(about !== undefined ? { aboutServer: about } : {}),
      ...(at ? { at } : {}),
      ...(event ? { event } : {}),
      ...(lineTag ? { tag: lineTag } : {})
    })
  })
  return out
}

interface One {
  /** the line as shown (as written, escapes removed) */
  text: string
  /** what it says, without the timestamp */
  body: string
  at?: string
  level?: LogLine['level']
  tag?: string
  /** the line quotes the server's stderr (Claude Code's "Server stderr:", VS Code's "[server stderr]") */
  stderr?: boolean
}

const STDERR = /Server stderr:|\[server stderr\]/

function parseOne(line: string, format: LogFormat): One {
  if (format === 'claude-code-jsonl') {
    const record = jsonRecord(line)
    if (record) return record
  }
  const time = LEADING_TIME.exec(line)
  let rest = time ? line.slice(time[0].length) : line
  const at = time ? isoTime(time[1]!) : undefined
  let level: LogLine['level']
  let tag: string | undefined
  if (format === 'claude-desktop' && time) {
    const desktop = DESKTOP_TAG.exec(rest)
    if (desktop && !/^(info|warn|warning|error|debug)$/i.test(desktop[1]!)) {
      tag = desktop[1]
      level = levelWord(desktop[2]!)
      rest = rest.slice(desktop[0].length)
    }
  }
  const quoted = QUOTED_TAG.exec(rest)
  if (!tag && quoted) tag = quoted[1] ?? quoted[2] ?? quoted[3]
  return { text: line, body: rest, at, level, tag, stderr: STDERR.test(rest) }
}

/** One record of Claude Code's `mcp-logs-*` JSONL, or undefined for a line that is not one. */
function jsonRecord(line: string): One | undefined {
  if (!line.startsWith('{')) return undefined
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const kind = ['error', 'debug', 'info', 'warn'].find((k) => typeof record[k] === 'string')
  if (!kind) return undefined
  const message = stripEscapes(String(record[kind])).replace(/\s+$/, '')
  const stamp = typeof record.timestamp === 'string' ? record.timestamp : undefined
  // Claude Code files every stderr line of the server under "error": that is the server talking, not a failure
  const stderr = /^Server stderr:/.test(message)
  const level: LogLine['level'] = kind === 'error' ? 'error' : kind === 'warn' ? 'warning' : 'info'
  return { text: stamp ? `${stamp} ${message}` : message, body: message, at: stamp && isoTime(stamp), level, stderr }
}

function isoTime(stamp: string): string | undefined {
  const normal = stamp.replace(',', '.').replace(' ', 'T')
  const ms = Date.parse(normal)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

function levelWord(word: string): LogLine['level'] {
  const w = word.toLowerCase()
  return w === 'error' ? 'error' : w.startsWith('warn') ? 'warning' : 'info'
}

function levelOf(text: string, recognised: boolean): LogLine['level'] | undefined {
  // glog lines ("E0502 16:33:10.002 … mcp.go:120] …") carry their level in the first letter, also behind an editor's "[info] "
  if (/(?:^|\] )E\d{4} /.test(text) || /\b(?:ERROR|FATAL|CRITICAL)\b/.test(text) || /\[(?:error|err|fatal|critical)\]/i.test(text)) return 'error'
  if (/(?:^|\] )W\d{4} /.test(text) || /\[(?:warn|warning)\]|\bWARN(?:ING)?\b/i.test(text)) return 'warning'
  if (/(?:^|\] )I\d{4} /.test(text) || /\[(?:info|debug|trace|verbose)\]|\b(?:INFO|DEBUG|TRACE)\b/i.test(text)) return 'info'
  if (recognised || /^(?:\s*Traceback \(most recent call last\)|\s*\w*(?:Error|Exception)\b:)/.test(text)) return 'error'
  return undefined
}

/**
 * Whether a line that names no server by a tag is about `name`: the name must stand alone (not
 * part of a longer name: "git" is not in "github", "github-enterprise" or "api.github.com"), and
 * either be quoted or bracketed, or sit on a line that talks about MCP servers at all.
 */
export function mentions(text: string, name: string): boolean {
  if (!text.includes(name)) return false
  const match = alonePattern(name).exec(text)
  if (!match) return false
  const before = text[match.index - 1]
  const after = text[match.index + name.length]
  const quoted = before !== undefined && after !== undefined && `"'\`[(<`.includes(before) && `"'\`])>:`.includes(after)
  return quoted || /\b(?:mcp|server|client|connect(?:ion|ed|ing)?)\b/i.test(text)
}

const alone = new Map<string, RegExp>()

/** The name standing alone, compiled once per name. */
function alonePattern(name: string): RegExp {
  let re = alone.get(name)
  if (!re) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    re = new RegExp(`(?<![A-Za-z0-9_.\\-/@])${escaped}(?![A-Za-z0-9_\\-/@]|\\.[A-Za-z0-9_])`)
    if (alone.size > 1000) alone.clear()
    alone.set(name, re)
  }
  return re
}

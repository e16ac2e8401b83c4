import { isPlainObject } from '../clients/entry'
import type { DialectSpec } from '../clients/normalize'
import { displayEnvValue, redactArgs, redactCommand, REDACTED, redactTokens, redactUrl, replaceSecrets } from '../report/redact'
import { clone } from './pathops'

/**
 * Where an entry holds secrets, for the step-2 editor and for edit previews: env and header
 * values (set to something real), the secret parts of arguments (`--api-key=…`, the value after
 * `--token`, token shapes), a URL's userinfo and query values, a command line with a token in
 * it. Each secret has a name the user can ask to reveal (`env:API_KEY`, `header:Authorization`,
 * `arg:3`, `url`, `command`).
 */

/** One secret part of one string of the entry. */
export interface SecretSpan {
  /** what to ask for to reveal it */
  name: string
  /** the string's place in the entry */
  path: (string | number)[]
  start: number
  end: number
}

/** A masked value reads like this in the editor; an unchanged mask is put back as the value on save. */
export function maskToken(name: string, part = 0): string {
  return `<hidden ${name}${part > 0 ? `#${part + 1}` : ''}>`
}

/** Text that looks like a mask, for telling a changed mask from a typed value. */
export const MASK_PATTERN = /<hidden [^<>\n]*>/g

/** Every secret span of a raw entry, read with its client's field names. */
export function secretSpans(raw: unknown, dialect: DialectSpec): SecretSpan[] {
  if (!isPlainObject(raw)) return []
  const out: SecretSpan[] = []
  const whole = (name: string, p: (string | number)[], value: unknown): void => {
    if (typeof value === 'string' && isSecretValue(value)) out.push({ name, path: p, start: 0, end: value.length })
  }
  const envKey = dialect.envKey ?? 'env'
  if (isPlainObject(raw[envKey])) for (const [k, v] of Object.entries(raw[envKey])) whole(`env:${k}`, [envKey, k], v)
  const headersKey = dialect.headersKey ?? 'headers'
  const holder = dialect.headersIn ? raw[dialect.headersIn] : raw
  const headersPath = dialect.headersIn ? [dialect.headersIn, headersKey] : [headersKey]
  if (isPlainObject(holder) && isPlainObject(holder[headersKey])) for (const [k, v] of Object.entries(holder[headersKey])) whole(`header:${k}`, [...headersPath, k], v)
  const argsKey = dialect.argsKey ?? 'args'
  const args = raw[argsKey]
  if (Array.isArray(args)) {
    const list = args.map((a) => (typeof a === 'string' ? a : ''))
    // redactArgs keeps one item per argument: a changed item holds a secret
    const redacted = redactArgs(list)
    list.forEach((arg, i) => {
      const shown = redacted[i]
      if (shown === arg) return
      const eq = arg.indexOf('=')
      if (shown?.endsWith(`=${REDACTED}`) && eq > 0 && shown.slice(0, -REDACTED.length) === arg.slice(0, eq + 1)) {
        out.push({ name: `arg:${i}`, path: [argsKey, i], start: eq + 1, end: arg.length })
        return
      }
      const spans = urlSpans(arg)
      if (spans.length > 0) spans.forEach(([start, end]) => out.push({ name: `arg:${i}`, path: [argsKey, i], start, end }))
      else out.push({ name: `arg:${i}`, path: [argsKey, i], start: 0, end: arg.length })
    })
  }
  for (const { key } of dialect.urlKeys) {
    const url = raw[key]
    if (typeof url === 'string') for (const [start, end] of urlSpans(url)) out.push({ name: 'url', path: [key], start, end })
  }
  const command = raw[dialect.commandKey ?? 'command']
  if (typeof command === 'string' && redactCommand(command) !== command) out.push({ name: 'command', path: [dialect.commandKey ?? 'command'], start: 0, end: command.length })
  return out.filter((s) => s.end > s.start)
}

/** A value worth hiding: set to something real, not empty, not a placeholder, not only `${VAR}` references. */
export function isSecretValue(value: string): boolean {
  if (displayEnvValue(value) !== '<redacted>') return false
  const rest = value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%/g, '').replace(/^\s*(Bearer|Basic|Token)\s*/i, '')
  return rest.trim() !== ''
}

/** The userinfo and every query value of a URL inside a string, as [start, end) ranges. */
export function urlSpans(text: string): [number, number][] {
  const out: [number, number][] = []
  for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi)) {
    const url = match[0]
    const at = match.index
    const authorityEnd = url.slice(url.indexOf('//') + 2).search(/[/?#]/)
    const authority = url.slice(url.indexOf('//') + 2, authorityEnd === -1 ? undefined : url.indexOf('//') + 2 + authorityEnd)
    const userinfo = authority.lastIndexOf('@')
    if (userinfo > 0) out.push([at + url.indexOf('//') + 2, at + url.indexOf('//') + 2 + userinfo])
    const query = url.indexOf('?')
    if (query === -1) continue
    const hash = url.indexOf('#', query)
    let offset = query + 1
    for (const pair of url.slice(query + 1, hash === -1 ? undefined : hash).split('&')) {
      const eq = pair.indexOf('=')
      if (eq !== -1 && pair.length - eq - 1 >= 1) out.push([at + offset + eq + 1, at + offset + pair.length])
      offset += pair.length + 1
    }
  }
  return out
}

/** The secret strings themselves (every span's text), for masking a diff or a message. */
export function secretTexts(raw: unknown, dialect: DialectSpec): string[] {
  return secretSpans(raw, dialect).map((s) => String(valueAt(raw, s.path)).slice(s.start, s.end))
}

export interface MaskedEntry {
  entry: Record<string, unknown>
  /** names shown masked */
  masked: string[]
  /** each mask in the text and the value it stands for */
  tokens: Map<string, string>
}

/** The entry with every secret span replaced by its mask, except those named in `reveal`. */
export function maskEntry(raw: Record<string, unknown>, dialect: DialectSpec, reveal: ReadonlySet<string> = new Set()): MaskedEntry {
  const entry = clone(raw)
  const tokens = new Map<string, string>()
  const masked = new Set<string>()
  const spans = secretSpans(raw, dialect).filter((s) => !reveal.has(s.name))
  // spans come string by string, left to right: replace right to left, so earlier ranges keep their offsets
  const ordered = [...spans].reverse()
  const parts = new Map<string, number>()
  for (const span of ordered) {
    const value = String(valueAt(raw, span.path))
    const part = parts.get(span.name) ?? 0
    parts.set(span.name, part + 1)
    const token = maskToken(span.name, part)
    tokens.set(token, value.slice(span.start, span.end))
    masked.add(span.name)
    const current = String(valueAt(entry, span.path))
    setAt(entry, span.path, `${current.slice(0, span.start)}${token}${current.slice(span.end)}`)
  }
  return { entry, masked: [...masked].sort(), tokens }
}

/** Puts back every mask the text still holds as the value it stands for, in every string of `value`. */
export function unmask(value: unknown, tokens: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return value.replace(MASK_PATTERN, (token) => tokens.get(token) ?? token)
  if (Array.isArray(value)) return value.map((v) => unmask(v, tokens))
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmask(v, tokens)]))
  return value
}

/** Masks that were edited (no longer exactly a mask MCP Medic made), found in a text. */
export function changedMasks(text: string, tokens: ReadonlyMap<string, string>): string[] {
  return [...text.matchAll(MASK_PATTERN)].map((m) => m[0]).filter((t) => !tokens.has(t))
}

/**
 * Text with secrets replaced: every known secret value (also as JSON and YAML write it
 * escaped), then values of secret-looking keys in JSON, TOML and YAML lines, URLs and token shapes.
 */
export function maskText(text: string, secrets: Iterable<string>): string {
  // a secret over several lines is also looked for line by line (a diff shows one line at a time)
  const values = [...secrets].flatMap((s) => [s, ...s.split(/\r?\n/)])
  const variants = values.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), s.replace(/'/g, "''")])
  const masked = replaceSecrets(text, variants).replace(SECRET_LINE, (line: string, head: string, value: string, tail: string) => {
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : ''
    const inner = quote ? value.slice(1, -1) : value
    // a leftover placeholder is no secret, and seeing it replaced is the point of the fix
    if (inner === REDACTED || displayEnvValue(inner) !== '<redacted>') return line
    return `${head}${quote}${REDACTED}${quote}${tail}`
  })
  // then what a report masks in free text too: URLs' secrets, `name=value` under a secret name, token shapes
  const urls = masked.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url))
  // a value masked first and its URL's query masked again read as one mask
  const assigned = urls.replace(ASSIGNMENT, (match, name: string) => (SECRET_NAME.test(name) ? `${name}=${REDACTED}` : match))
  return redactTokens(assigned).replace(/(?:<redacted>){2,}/g, REDACTED)
}

const SECRET_WORD = '(?:key|token|secret|passw(?:or)?d|pwd|auth|bearer|credential|cookie|session|signature|private)'
const SECRET_NAME = new RegExp(SECRET_WORD, 'i')
/** `name=value` in free text (`--api-key=…`, `TOKEN=…`), value up to a blank, quote or separator */
const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_.-]*)=(?!<redacted>)[^\s"',;&]+/g

/** `key = "value"` (TOML), `key: value` (YAML) or `"key": "value",` (JSON) under a name that says secret. */
const SECRET_LINE = new RegExp(`^([+\\- ]?\\s*(?:-\\s+)?["']?[\\w.-]*${SECRET_WORD}[\\w.-]*["']?\\s*[=:]\\s*)("[^"\\n]*"|'[^'\\n]*'|[^"'\\s#,{}[\\]][^\\n#,]*?)(\\s*,?\\s*(?:#.*)?)$`, 'gim')

function valueAt(root: unknown, p: readonly (string | number)[]): unknown {
  let value = root
  for (const key of p) value = (value as Record<string | number, unknown> | undefined)?.[key]
  return value
}

function setAt(root: unknown, p: readonly (string | number)[], next: unknown): void {
  let holder = root as Record<string | number, unknown>
  for (const key of p.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>
  holder[p[p.length - 1]!] = next
}

/**
 * Redaction: what may leave the machine through a report, a log line or the screen. Env values,
 * header values, tokens in args, URL userinfo and query values are replaced; the shape stays, so
 * a reader can still see that a variable is set, empty or a leftover placeholder.
 */

export const REDACTED = '<redacted>'

export type EnvDisplay = '<redacted>' | '<empty>' | '<placeholder>'

const PLACEHOLDER =
  /^(?:<[^>]*>|\[[^\]]*\]|\{\{[^}]*\}\}|x{3,}|\*{3,}|\.{3}|your[-_ ].*|.*[-_]here|changeme|change[-_]me|replace[-_]?me|todo|tbd|placeholder|example|secret|token|api[-_]?key)$/i

/** A value that was obviously never filled in: `your_api_key_here`, `<TOKEN>`, `xxx`, … */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim())
}

export function displayEnvValue(value: string): EnvDisplay {
  if (value.trim() === '') return '<empty>'
  if (isPlaceholder(value)) return '<placeholder>'
  return '<redacted>'
}

export function redactEnv(env: Readonly<Record<string, string>>): Record<string, EnvDisplay> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, displayEnvValue(v)]))
}

const SECRET_NAME = /(?:key|token|secret|passw(?:or)?d|pwd|auth|bearer|credential|cookie|session|signature|private)/i

/**
 * A URL inside free text. `<redacted>` may sit inside one (an earlier pass replaced a value), so
 * redacting twice gives the same text.
 */
export const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/(?:<redacted>|[^\s"'<>`])+/gi

/** Token shapes that are secrets wherever they appear. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{16,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}/g,
  // After "Bearer" anything but a challenge parameter (`realm="…"`) is a credential; after "Basic"
  // or "Token" only what looks like one (a digit or a symbol in it, or long), so "Basic
  // authentication" or "Token required" in prose stays readable.
  /\b(Bearer)\s+(?![A-Za-z_]+=")[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(Basic|Token)\s+(?=[A-Za-z0-9._~+/=-]*[0-9_~+/=])[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(Basic|Token)\s+[A-Za-z0-9._~+/=-]{20,}/gi
]

/** Replaces known token shapes in free text. */
export function redactTokens(text: string): string {
  let out = text
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (_match, scheme?: string) =>
      typeof scheme === 'string' && /^(Bearer|Basic|Token)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED
    )
  }
  return out
}

/** A URL with its userinfo and every query value replaced. Text that is not a URL is returned as is. */
export function redactUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return value
  }
  if (!/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || !value.includes('//')) return value
  if (!url.username && !url.password && !url.search && !url.hash) return value
  const userinfo = url.username || url.password ? `${REDACTED}@` : ''
  const query = url.search
    ? `?${url.search
        .slice(1)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=')
          return eq === -1 ? pair : `${pair.slice(0, eq)}=${REDACTED}`
        })
        .join('&')}`
    : ''
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${query}${url.hash ? '#…' : ''}`
}

/** Like {@link redactUrl}, also for a URL written without its scheme (`host/mcp?key=…`). */
export function redactUrlLoose(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return redactUrl(value)
  if (!/[?@#]/.test(value)) return value
  const redacted = redactUrl(`https://${value.trim()}`)
  return redacted.startsWith('https://') ? redacted.slice('https://'.length) : redactTokens(value)
}

/** A `command` that holds a whole command line (`npx -y tool --api-key=…`), with its secrets replaced. */
export function redactCommand(command: string): string {
  if (!/\s/.test(command.trim())) return redactValue(command)
  return redactArgs(command.trim().split(/\s+/)).join(' ')
}

/**
 * Redacts an argv: values of secret-looking flags (`--api-key=…`, `--token …`, `-p …` is left),
 * URLs with credentials or queries, and known token shapes.
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const flag = /^(--?[A-Za-z0-9][\w.-]*)=(.*)$/s.exec(arg)
    if (flag && SECRET_NAME.test(flag[1]!)) {
      out.push(`${flag[1]}=${REDACTED}`)
      continue
    }
    out.push(redactValue(arg))
    const next = args[i + 1]
    if (/^--?[A-Za-z0-9][\w.-]*$/.test(arg) && SECRET_NAME.test(arg) && next !== undefined && !next.startsWith('-')) {
      out.push(REDACTED)
      i++
    }
  }
  return out
}

/** One free-standing value: a URL loses its secrets, a `KEY=value` with a secret-looking key its value. */
export function redactValue(value: string): string {
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(value)
  if (assignment && SECRET_NAME.test(assignment[1]!)) return `${assignment[1]}=${REDACTED}`
  return redactTokens(value.replace(URL_IN_TEXT, (url) => redactUrl(url)))
}

/**
 * Redacts free text (stderr, error messages): every known secret value is replaced wherever it
 * appears, then URLs and token shapes.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = replaceSecrets(text, secrets)
  // the URL pattern backtracks over every long run of letters: only try it where a URL can be
  if (out.includes('://')) out = out.replace(URL_IN_TEXT, (url) => redactUrl(url))
  // the value stops before closing brackets that end it, so "(API_KEY=…)" keeps its ")"
  out = out.replace(/\b([A-Za-z_][A-Za-z0-9_.-]*)=([^\s"',;&]+?)(?=[)\]}]*(?:[\s"',;&]|$))/g, (match, name: string) =>
    SECRET_NAME.test(name) ? `${name}=${REDACTED}` : match
  )
  out = out.replace(/"([^"\n]{1,64})"(\s*:\s*)"((?:[^"\\\n]|\\.)*)"/g, (match, name: string, sep: string) =>
    SECRET_NAME.test(name) ? `"${name}"${sep}"${REDACTED}"` : match
  )
  return redactTokens(out)
}

/** Below this length a value that begins and ends with a letter or digit is replaced only as a whole word. */
const WHOLE_WORD_BELOW = 12

/**
 * Replaces every occurrence of each known secret value (of 4 characters or more), longest first.
 * A short value made of word characters at both ends (`exit`, `stdout`, `1234`) is replaced only
 * where it stands as a word of its own, so it cannot eat into "exited" or "stdout-pollution"; a
 * longer one, which is what real keys and tokens are, is replaced wherever it appears.
 */
export function replaceSecrets(text: string, secrets: Iterable<string>): string {
  let out = text
  const values = [...new Set(secrets)].filter((s) => s.trim().length >= 4).sort((a, b) => b.length - a.length)
  for (const value of values) {
    if (value.length < WHOLE_WORD_BELOW && /^[A-Za-z0-9].*[A-Za-z0-9]$/s.test(value)) {
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'g'), REDACTED)
    } else out = out.split(value).join(REDACTED)
  }
  return out
}

/**
 * The line of a broken config file as it may be shown: quoted values are masked (same length, so
 * the caret under the error still points at it), keys stay, and so does the string the error is
 * in. A file that does not parse cannot say which values are secrets, so none is shown.
 * `excerpt` is the line, a newline and the caret line.
 */
export function maskExcerpt(excerpt: string): string {
  const [line = '', ...rest] = excerpt.split('\n')
  const caret = rest.join('\n')
  const column = caret.indexOf('^')
  const masked = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (match, offset: number, whole: string) => {
    const isKey = /^\s*[:=]/.test(whole.slice(offset + match.length)) && !/[:=]\s*$/.test(whole.slice(0, offset))
    const holdsError = column >= offset && column < offset + match.length
    return isKey || holdsError || match.length <= 2 ? match : `${match[0]}${'•'.repeat(match.length - 2)}${match[0]}`
  })
  return [redactText(masked, []), ...rest].join('\n')
}

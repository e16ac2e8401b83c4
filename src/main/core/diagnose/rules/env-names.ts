/**
 * Reading variable names out of what a server printed when it stopped for want of one. Servers
 * word it every way ("X environment variable is required", "Please set X and Y", "Missing
 * environment variables: X, Y", "X is not set", `KeyError: 'X'`, a zod or pydantic validation
 * error naming a field), so this does not match sentences: it finds lines that complain about
 * something missing and takes the identifiers shaped like variable names near the complaint.
 * Pure: text in, names out.
 */

/** What the server said about a missing variable, and the names it gave (possibly none). */
export interface EnvComplaint {
  /** variable names, in the order the server gave them */
  names: string[]
  /** the line that says it, trimmed (at most 300 characters) */
  said: string
  /** how the names were found: `named` spelled out, `field` mapped from a validation error's field, `none` */
  how: 'named' | 'field' | 'none'
  /** for `field`: the field names as the validator spelled them */
  fields?: string[]
}

/** Words that say something is missing or must be given. */
const COMPLAINT =
  /\b(?:required|missing|not set|not defined|is undefined|are undefined|unset|must be (?:set|provided|specified|defined|configured|supplied|given|present)|(?:needs?|has) to be (?:set|provided|defined|specified)|please (?:set|provide|define|export|configure|add|specify|supply)|must (?:set|provide|define|export|specify|configure|supply)|(?:is|are) empty|not (?:found|provided|configured|present|specified|available) in (?:the |your )?(?:env|environment|process\.env)|no \w+ (?:was |were )?(?:found|provided|given|set|configured)|KeyError|environment variables? (?:\w+ )?(?:not|missing)|not configured)\b/i

/** Upper-case identifiers with an underscore: the shape of nearly every variable name. */
const SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g
/** Any upper-case word of three or more: a variable only when the line says "environment" or the name is known. */
const UPPER_WORD = /\b[A-Z][A-Z0-9]{2,}\b/g
/** A line that says the variable is not needed: "optional", "not required". */
const NOT_NEEDED = /\b(?:optional(?:ly)?|not required|no longer required|isn't required|is not needed|not needed)\b/i
/** "set X", "export X": an upper-case word right after such a verb is a variable. */
const AFTER_VERB = /\b(?:set|export|define|provide|supply)\s+(?:the\s+)?([A-Z][A-Z0-9]{2,})\b/g
const SAYS_ENVIRONMENT = /\benv(?:ironment)?(?:[ _-]?var(?:iable)?s?)?\b|\bexport\b|process\.env|os\.environ|getenv/i

/** Upper-case words that are not variables: error codes, log levels, protocols, acronyms. */
const NOT_A_VARIABLE =
  /^(?:E[A-Z]{3,}|ERR_[A-Z0-9_]+|[A-Z_]+_NOT_FOUND|MODULE_NOT_FOUND|ERROR|ERRORS|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|NOTE|TODO|HTTP|HTTPS|JSON|YAML|TOML|API|MCP|URL|URI|UTF|UTF8|SSL|TLS|EOF|SDK|CLI|ENV|AND|THE|NOT|SET|FOR|YOU|ARE|USE|OAUTH|STDIO|STDIN|STDOUT|STDERR|NPM|NPX|CWD|GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|NULL|NONE|TRUE|FALSE|UUID|SSE|TCP|UDP|DNS|IPV4|IPV6|JWT|PID|RPC|JSONRPC|ASCII|GMT|UTC)$/

const MAX_LINES = 400
const MAX_LINE = 2_000

/** `apiKey`, `api_key`, `api-key` → `API_KEY`. */
export function upperSnake(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
}

/** The lines worth reading: the last few hundred, each cut to a sane length (hostile output stays cheap). */
export function readableLines(text: string): string[] {
  const lines = text.split(/\r?\n/)
  return lines.slice(-MAX_LINES).map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l))
}

function trimSaid(line: string): string {
  const t = line.trim()
  return t.length > 300 ? `${t.slice(0, 297)}…` : t
}

function push(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name)
}

/**
 * Names from lines that complain. `known` are names that exist somewhere (the entry's env, the
 * login shell, other entries): a plain upper-case word counts as a variable when it is known or
 * the line speaks of the environment.
 */
function namedInComplaints(lines: readonly string[], known: ReadonlySet<string>): { names: string[]; said?: string } {
  const names: string[] = []
  let said: string | undefined
  for (const line of lines) {
    if (!COMPLAINT.test(line) || NOT_NEEDED.test(line)) continue
    const found: string[] = []
    for (const m of line.matchAll(SNAKE)) if (!NOT_A_VARIABLE.test(m[0])) push(found, m[0])
    const envLine = SAYS_ENVIRONMENT.test(line)
    const afterVerb = new Set([...line.matchAll(AFTER_VERB)].map((m) => m[1]!))
    for (const m of line.matchAll(UPPER_WORD)) {
      if (found.includes(m[0]) || NOT_A_VARIABLE.test(m[0])) continue
      if (known.has(m[0]) || envLine || afterVerb.has(m[0])) push(found, m[0])
    }
    // KeyError: 'NAME' after os.environ["NAME"]: Python's way of saying it.
    const key = /KeyError: ['"]([A-Za-z_][A-Za-z0-9_]*)['"]/.exec(line)
    if (key && (/^[A-Z][A-Z0-9_]*$/.test(key[1]!) || known.has(key[1]!))) push(found, key[1]!)
    if (found.length === 0) continue
    said ??= trimSaid(line)
    for (const n of found) push(names, n)
  }
  return { names, said }
}

/** Fields a zod error names as missing (`"path": ["apiKey"]` with `Required` or `received undefined`). */
function zodFields(text: string): string[] {
  if (!/invalid_type|ZodError|received[": ]+undefined|expected string, received undefined|"code":\s*"invalid/i.test(text)) return []
  const fields: string[] = []
  for (const m of text.slice(-16_384).matchAll(/["']?path["']?\s*:\s*\[\s*((?:["'][^"'\]]{1,80}["']\s*,?\s*)+)\]/g)) {
    const parts = [...m[1]!.matchAll(/["']([^"']+)["']/g)].map((p) => p[1]!)
    const last = parts.at(-1)
    if (last && /^[A-Za-z_][A-Za-z0-9_]*$/.test(last)) push(fields, last)
  }
  // zod 4's pretty form: "✖ Invalid input: expected string, received undefined\n  → at apiKey"
  for (const m of text.slice(-16_384).matchAll(/received undefined\s*\n\s*→ at ([A-Za-z_][A-Za-z0-9_.]*)/g)) push(fields, m[1]!.split('.').pop()!)
  return fields
}

/** Fields a pydantic validation error says are missing ("api_key\n  Field required [type=missing"). */
function pydanticFields(lines: readonly string[]): { fields: string[]; said?: string } {
  const fields: string[] = []
  let said: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const head = /\b\d+ validation errors? for (\w+)/.exec(lines[i]!)
    if (!head) continue
    said ??= trimSaid(lines[i]!)
    for (let j = i + 1; j < lines.length && j < i + 40; j++) {
      const field = /^([A-Za-z_][A-Za-z0-9_.]*)\s*$/.exec(lines[j]!)
      const reason = lines[j + 1] ?? ''
      if (field && /^\s+(?:Field required|field required|none is not an allowed value|Input should be a valid string)/.test(reason) && /missing|required|none|input_value=None/i.test(reason)) {
        push(fields, field[1]!.split('.').pop()!)
      }
      if (/^\S/.test(lines[j]!) && !field) break
    }
  }
  return { fields, said }
}

/**
 * The variable a validator's field stands for: a known name equal to the field in upper snake
 * case or ending with it (`apiKey` → `BRAVE_API_KEY` when that is what the entry or the shell
 * sets), else the field in upper snake case, which is how settings libraries map it.
 */
export function fieldToVariable(field: string, known: ReadonlySet<string>, preferred: readonly string[] = []): string {
  const upper = upperSnake(field)
  const fits = (name: string): boolean => name === upper || name.endsWith(`_${upper}`)
  return preferred.find(fits) ?? [...known].find(fits) ?? upper
}

/**
 * What the server said about missing variables, when it said anything: names spelled out in a
 * complaining line, else the fields a zod or pydantic error reports missing mapped to variable
 * names. `preferred` are the names most likely meant (the entry's own env keys, then other
 * entries' for the same server).
 */
export function envComplaint(text: string, known: ReadonlySet<string>, preferred: readonly string[] = []): EnvComplaint | undefined {
  const lines = readableLines(text)
  const named = namedInComplaints(lines, known)
  if (named.names.length > 0) return { names: named.names, said: named.said!, how: 'named' }
  const py = pydanticFields(lines)
  const fields = py.fields.length > 0 ? py.fields : zodFields(text)
  if (fields.length > 0) {
    const said = py.said ?? trimSaid(lines.find((l) => /invalid_type|ZodError|Required|received undefined/i.test(l)) ?? lines.at(-1) ?? '')
    return { names: [...new Set(fields.map((f) => fieldToVariable(f, known, preferred)))], said, how: 'field', fields }
  }
  return undefined
}

/** A complaint about a missing credential that names no variable ("API key is required"). */
const UNNAMED_CREDENTIAL =
  /\b(?:api[ _-]?key|access[ _-]?token|auth(?:entication)?[ _-]?token|token|credentials?|secret|password)\b[^\n]{0,60}?\b(?:is |are )?(?:required|missing|not (?:set|provided|found|configured|given)|must be (?:set|provided)|is empty|undefined)\b|\b(?:no|missing|provide|set) (?:an? |the |your )?(?:api[ _-]?key|access[ _-]?token|token|credentials?)\b/i

/** Credentials rejected upstream: "401 Invalid API key", "Unauthorized: bad token". */
const REJECTED_CREDENTIAL =
  /\b(?:40[13])\b[^\n]{0,80}\b(?:invalid|incorrect|bad|expired|revoked|unauthori[sz]ed|forbidden)\b|\b(?:invalid|incorrect|expired|revoked|bad)[ _-](?:api[ _-]?key|token|credentials?|access[ _-]?token)\b|\bunauthori[sz]ed\b[^\n]{0,40}\b(?:api[ _-]?key|token)\b/i

/** A line where the server says a credential is missing without naming the variable. */
export function unnamedCredentialLine(text: string): string | undefined {
  const line = readableLines(text).find((l) => UNNAMED_CREDENTIAL.test(l))
  return line === undefined ? undefined : trimSaid(line)
}

/** A line where the server says its credentials were rejected (a 401 for its key). */
export function rejectedCredentialLine(text: string): string | undefined {
  const line = readableLines(text).find((l) => REJECTED_CREDENTIAL.test(l))
  return line === undefined ? undefined : trimSaid(line)
}

/**
 * How deeply a config file may nest. No client's config nests more than a dozen levels; a file
 * nested thousands deep is damage (or an attack), and every recursive walk over it (the parsers,
 * JSON.stringify, structuredClone over IPC, schema checks) would overflow the stack. Files deeper
 * than this are refused with a finding instead of being parsed.
 */
export const MAX_NESTING = 256

/** Where a JSON text first nests deeper than `limit`, or undefined when it never does. */
export interface TooDeep {
  depth: number
  offset: number
}

/**
 * Scans JSON or JSONC text for the first bracket that opens level `limit + 1`, without parsing
 * (and so without recursion): strings and comments are skipped, brackets counted. Linear in the
 * text's length; a 10 MB file takes a few milliseconds.
 */
export function jsonTooDeep(text: string, limit = MAX_NESTING): TooDeep | undefined {
  let depth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      i++
      while (i < n) {
        const s = text.charCodeAt(i)
        if (s === 0x5c /* \ */) i += 2
        else if (s === 0x22 || s === 0x0a) break
        else i++
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i)
      i = end === -1 ? n : end
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? n : end + 1
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++
      if (depth > limit) return { depth, offset: i }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--
    }
    i++
  }
  return undefined
}

/**
 * Whether a parsed value nests deeper than `limit` (objects and arrays count as levels). Walks
 * with an explicit stack, so it is safe on any value a parser could return.
 */
export function valueTooDeep(value: unknown, limit = MAX_NESTING): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!
    if (current === null || typeof current !== 'object') continue
    if (depth + 1 > limit) return true
    for (const child of Object.values(current as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 })
    }
  }
  return false
}

/** The message and hint for a file nested too deeply, shared by every format. */
export function tooDeepMessage(limit = MAX_NESTING): { message: string; hint: string } {
  return {
    message: `Nested more than ${limit} levels deep`,
    hint: `No MCP client's config nests more than a few levels; something probably wrote this file by mistake. MCP Medic does not read files nested deeper than ${limit} levels.`
  }
}

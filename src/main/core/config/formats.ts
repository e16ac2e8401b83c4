import { parseDocument } from 'yaml'
import { parse as parseToml, TomlError } from 'smol-toml'
import { neutralize } from '../../../shared/safe-text'
import { MAX_NESTING, tooDeepMessage, valueTooDeep } from './nesting'
import { excerptAt, locate, parseJsonText, type JsonDialect, type ParseFailure, type ParseResult } from './parse'

/** Every way a client config file is written. */
export type ConfigFormat = JsonDialect | 'toml' | 'yaml'

export const FORMAT_NAMES: Record<ConfigFormat, string> = {
  json: 'JSON',
  jsonc: 'JSON with comments',
  'json-comments': 'JSON with comments',
  toml: 'TOML',
  yaml: 'YAML'
}

/**
 * Parses a config file's text with the parser made for its format. Never throws: a syntax error
 * comes back with 1-based line and column, the offending line with a caret, and a hint when the
 * cause is a usual suspect. A document nested deeper than MAX_NESTING is refused (`tooDeep`),
 * so nothing downstream ever walks one.
 */
export function parseConfigText(text: string, format: ConfigFormat): ParseResult {
  let result: ParseResult
  try {
    result = format === 'toml' ? parseTomlText(text) : format === 'yaml' ? parseYamlText(text) : parseJsonText(text, format)
  } catch (error) {
    // A parser that still overflows its stack (or trips on input nobody foresaw) fails this file only.
    if (error instanceof RangeError) return tooDeep(text)
    return { ok: false, error: failure(text, 1, 1, `Cannot parse: ${String((error as Error)?.message ?? error)}`) }
  }
  return result.ok && valueTooDeep(result.value) ? tooDeep(text) : result
}

/** The failure for a document nested deeper than MAX_NESTING (at its first too-deep bracket when known). */
function tooDeep(text: string, line = 1, column = 1): ParseResult {
  const { message, hint } = tooDeepMessage()
  return { ok: false, error: { ...failure(text, line, column, message, hint), tooDeep: true } }
}

function failure(text: string, line: number, column: number, message: string, hint?: string): ParseFailure {
  let start = 0
  for (let l = 1; l < line && start !== -1; l++) start = text.indexOf('\n', start) + 1 || -1
  const end = start === -1 ? -1 : text.indexOf('\n', start)
  const lineText = start === -1 ? '' : text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '')
  return {
    message: `${neutralize(message)} at line ${line}, column ${column}`,
    line,
    column,
    excerpt: excerptAt(lineText, column),
    hint
  }
}

function parseTomlText(text: string): ParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    const value = parseToml(source, { maxDepth: MAX_NESTING })
    // maxDepth covers inline arrays and tables; dotted keys ([a.b.c…]) nest without limit
    if (valueTooDeep(value)) return tooDeep(source)
    return { ok: true, value: toPlain(value) }
  } catch (error) {
    if (error instanceof TomlError && /excessively nested/.test(error.message)) return tooDeep(source, error.line, error.column)
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '')
      const message = first.charAt(0).toUpperCase() + first.slice(1)
      const hint = /redefine/.test(first)
        ? 'The same table or key is defined twice; Codex refuses to load a file like this. Merge the two definitions.'
        : /newline|end of line/i.test(first) && /"[^"]*$/.test(source.split('\n')[error.line - 1] ?? '')
          ? 'A string is not closed: add the missing quote.'
          : undefined
      return { ok: false, error: failure(source, error.line, error.column, message, hint) }
    }
    const { line, column } = locate(source, 0)
    return { ok: false, error: failure(source, line, column, String((error as Error)?.message ?? error)) }
  }
}

function parseYamlText(text: string): ParseResult {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
  const first = doc.errors[0]
  if (first) {
    // an indentation error points at the line's start: point at what is mis-indented instead
    let offset = first.pos[0]
    while (offset < text.length && (text[offset] === ' ' || text[offset] === '\t')) offset++
    if (offset >= text.length || text[offset] === '\n' || text[offset] === '\r') offset = first.pos[0]
    const { line, column } = locate(text, offset)
    // the yaml package catches its own stack overflow and reports it as an error of the document
    if (/call stack/i.test(first.message)) return tooDeep(text)
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    const hint = first.code === 'DUPLICATE_KEY' ? 'A key appears twice in the same mapping: keep one.' : /\t/.test(text) ? 'YAML does not allow tabs for indentation: use spaces.' : undefined
    return { ok: false, error: failure(text, line, column, message, hint) }
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown }
}

/** smol-toml builds objects without a prototype and Date-like values; make them plain data. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain)
  if (value instanceof Date) return value.toISOString()
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v)
    return out
  }
  return value
}

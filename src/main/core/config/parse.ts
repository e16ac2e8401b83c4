import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { neutralize } from '../../../shared/safe-text'
import { jsonTooDeep, MAX_NESTING, tooDeepMessage } from './nesting'

export interface ParseFailure {
  message: string
  /** 1-based */
  line: number
  /** 1-based */
  column: number
  /** the offending line of the file, and a caret under the column */
  excerpt: string
  hint?: string
  /** the file may be well-formed, but nests deeper than MCP Medic reads (see nesting.ts) */
  tooDeep?: true
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: ParseFailure }

/**
 * `json`: strict JSON (JSON.parse); `jsonc`: comments and trailing commas (VS Code, Zed);
 * `json-comments`: comments but no trailing commas (Gemini CLI strips comments, then JSON.parse).
 */
export type JsonDialect = 'json' | 'jsonc' | 'json-comments'

/**
 * Parses a JSON (strict) or JSONC (comments and trailing commas allowed) document. Never throws:
 * a syntax error comes back with its line, column, the line itself and a hint when the cause is
 * one of the usual suspects.
 */
export function parseJsonText(text: string, dialect: JsonDialect): ParseResult {
  const errors: ParseError[] = []
  const strict = dialect === 'json'
  const source = text.charCodeAt(0) === 0xfeff && !strict ? text.slice(1) : text
  // jsonc-parser recurses once per level: thousands of levels would overflow the stack.
  const options = { disallowComments: strict, allowTrailingComma: dialect === 'jsonc', allowEmptyContent: false }
  const deep = jsonTooDeep(source)
  if (deep) {
    // Binary garbage "nests" too, by chance: a syntax error before the deep bracket is the news.
    parse(source.slice(0, deep.offset), errors, options)
    const early = errors.find((e) => e.offset < deep.offset)
    return { ok: false, error: early ? describeError(source, early) : tooDeepFailure(source, deep.offset) }
  }
  // Fast path: valid JSON is valid in every dialect, and V8's parser is an order of magnitude
  // faster than jsonc-parser on a 10 MB ~/.claude.json (and keeps a "__proto__" key as data).
  try {
    return { ok: true, value: JSON.parse(source) as unknown }
  } catch {
    // comments, trailing commas or a syntax error: the tolerant parser decides and locates
  }
  const value = parse(source, errors, options)
  const first = errors[0]
  if (!first) return { ok: true, value }
  return { ok: false, error: describeError(source, first) }
}

function describeError(text: string, error: ParseError): ParseFailure {
  const { line, column, lineText } = locate(text, error.offset)
  const code = printParseErrorCode(error.error)
  return {
    message: `${humanize(code)} at line ${line}, column ${column}`,
    line,
    column,
    excerpt: excerptAt(lineText, column),
    hint: hintFor(text, error)
  }
}

/** The failure for a file that nests deeper than MCP Medic reads, at the bracket that goes too deep. */
export function tooDeepFailure(text: string, offset: number, limit = MAX_NESTING): ParseFailure {
  const { line, column, lineText } = locate(text, offset)
  const { message, hint } = tooDeepMessage(limit)
  return { message: `${message} at line ${line}, column ${column}`, line, column, excerpt: excerptAt(lineText, column), hint, tooDeep: true }
}

/** Lines up to this long are shown whole; longer ones (minified files, garbage) are cut around the column. */
const EXCERPT_WHOLE = 200
/** How much of a long line an excerpt shows on each side of the column. */
const EXCERPT_SIDE = 80

/**
 * The offending line and a caret under the column. A long line is cut to a window around the
 * column; control characters are made visible, so a file's bytes can never drive the terminal
 * that shows the excerpt. A cut never leaves half a quoted string: the missing quote is put
 * back at the cut, so the masking of values (report/redact.ts `maskExcerpt`) still pairs the
 * quotes right and a value cut in two is masked like any other.
 */
export function excerptAt(lineText: string, column: number): string {
  const index = Math.max(0, column - 1)
  let from = 0
  let to = lineText.length
  if (lineText.length > EXCERPT_WHOLE) {
    from = Math.max(0, index - EXCERPT_SIDE)
    to = Math.min(lineText.length, index + EXCERPT_SIDE)
  }
  const [atFrom, atTo] = quoteStates(lineText, from, to)
  // a cut just after a backslash would turn an escaped character into a live one
  if (atFrom.escaped && from < index) from++
  const head = from > 0 ? `…${atFrom.quote ?? ''}` : ''
  const tail = to < lineText.length ? `${atTo.quote ?? ''}…` : ''
  const body = atTo.escaped ? lineText.slice(from, to - 1) : lineText.slice(from, to)
  const shown = neutralize(`${head}${body}${tail}`).replace(/\n/g, '\u2424')
  // neutralize keeps tabs and turns one control character into one symbol: the caret still lines up
  return `${shown}\n${' '.repeat(head.length + index - from)}^`
}

interface QuoteState {
  /** the quote of the string this position is inside, if any */
  quote?: string
  /** whether the character at this position is escaped by a backslash */
  escaped: boolean
}

/** Whether positions `a` and `b` of a line are inside a quoted string, scanning as maskExcerpt's pattern does. */
function quoteStates(line: string, a: number, b: number): [QuoteState, QuoteState] {
  const states: QuoteState[] = []
  let quote: string | undefined
  let escaped = false
  for (let i = 0; i <= b; i++) {
    if (i === a) states[0] = { quote, escaped }
    if (i === b) states[1] = { quote, escaped }
    const c = line[i]
    if (c === undefined) break
    if (escaped) escaped = false
    else if (quote !== undefined && c === '\\') escaped = true
    else if (quote !== undefined && c === quote) quote = undefined
    else if (quote === undefined && (c === '"' || c === "'")) quote = c
  }
  return [states[0] ?? { escaped: false }, states[1] ?? { escaped: false }]
}

/** 1-based line and column of a character offset. Linear, without copying the text before it. */
export function locate(text: string, offset: number): { line: number; column: number; lineText: string } {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0
  const lineEnd = text.indexOf('\n', offset)
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '')
  return { line, column: offset - lineStart + 1, lineText }
}

function humanize(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function hintFor(text: string, error: ParseError): string | undefined {
  const code = printParseErrorCode(error.error)
  const before = text.slice(0, error.offset).trimEnd()
  const at = text.slice(error.offset, error.offset + 1)
  if (text.charCodeAt(0) === 0xfeff && error.offset === 0) {
    return 'The file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.'
  }
  if (code === 'InvalidCommentToken' || (at === '/' && /^\/[/*]/.test(text.slice(error.offset)))) {
    return 'This file must be strict JSON: remove the comments.'
  }
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && before.endsWith(',')) {
    return 'Remove the trailing comma before the closing bracket.'
  }
  if (/[\u201c\u201d\u2018\u2019]/.test(at)) {
    return 'Replace the curly “smart” quotes with straight double quotes (").'
  }
  if (code === 'InvalidEscapeCharacter') {
    return 'Backslashes in JSON strings must be doubled (C:\\\\path) or written as forward slashes.'
  }
  if (code === 'CommaExpected' || code === 'CloseBraceExpected') {
    return /[}\]]\s*$/.test(before) && at === '{'
      ? 'Two JSON objects are pasted one after the other: merge them into one object.'
      : 'A comma is probably missing between two entries.'
  }
  if (code === 'EndOfFileExpected') {
    return 'Something follows the end of the top-level object: two objects pasted together, or an extra bracket.'
  }
  return undefined
}

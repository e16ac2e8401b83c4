import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'

export interface ParseFailure {
  message: string
  /** 1-based */
  line: number
  /** 1-based */
  column: number
  /** the offending line of the file, and a caret under the column */
  excerpt: string
  hint?: string
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
  const value = parse(source, errors, {
    disallowComments: strict,
    allowTrailingComma: dialect === 'jsonc',
    allowEmptyContent: false
  })
  const first = errors[0]
  if (!first) return { ok: true, value }
  return { ok: false, error: describeError(source, first) }
}

function describeError(text: string, error: ParseError): ParseFailure {
  const { line, column, lineText } = locate(text, error.offset)
  const code = printParseErrorCode(error.error)
  const message = `${humanize(code)} at line ${line}, column ${column}`
  const caret = `${' '.repeat(Math.max(0, column - 1))}^`
  return {
    message,
    line,
    column,
    excerpt: `${lineText}\n${caret}`,
    hint: hintFor(text, error)
  }
}

/** 1-based line and column of a character offset. */
export function locate(text: string, offset: number): { line: number; column: number; lineText: string } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const lineStart = before.lastIndexOf('\n') + 1
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

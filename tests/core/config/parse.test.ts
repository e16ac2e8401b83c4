import { describe, expect, it } from 'vitest'
import { locate, parseJsonText } from '../../../src/main/core/config/parse'

function fail(text: string, dialect: 'json' | 'jsonc' = 'json') {
  const result = parseJsonText(text, dialect)
  if (result.ok) throw new Error('expected a parse failure')
  return result.error
}

describe('parseJsonText', () => {
  it('parses valid JSON and JSONC', () => {
    expect(parseJsonText('{"a": [1, 2]}', 'json')).toEqual({ ok: true, value: { a: [1, 2] } })
    expect(parseJsonText('// c\n{"a": 1,}', 'jsonc')).toEqual({ ok: true, value: { a: 1 } })
  })

  it('names line and column of a trailing comma, with the line and a caret', () => {
    const error = fail('{\n  "mcpServers": {\n    "a": {"command": "x"},\n  }\n}\n')
    expect(error.line).toBe(4)
    expect(error.column).toBe(3)
    expect(error.excerpt).toBe('  }\n  ^')
    expect(error.hint).toMatch(/trailing comma/)
  })

  it('rejects comments in a strict JSON file and says so', () => {
    const error = fail('{\n  // my servers\n  "mcpServers": {}\n}')
    expect(error.line).toBe(2)
    expect(error.hint).toMatch(/remove the comments/)
  })

  it('recognises a missing comma', () => {
    const error = fail('{\n  "a": 1\n  "b": 2\n}')
    expect(error.line).toBe(3)
    expect(error.hint).toMatch(/comma is probably missing/)
  })

  it('recognises smart quotes', () => {
    const error = fail('{ \u201cmcpServers\u201d: {} }')
    expect(error.hint).toMatch(/smart/)
  })

  it('recognises unescaped Windows backslashes', () => {
    const error = fail('{"args": ["C:\\temp\\x"]}')
    expect(error.hint).toMatch(/Backslashes/)
  })

  it('recognises two objects pasted together', () => {
    const error = fail('{"a": 1}\n{"b": 2}')
    expect(error.line).toBe(2)
    expect(error.hint).toMatch(/pasted/)
  })

  it('recognises a byte-order mark in strict JSON', () => {
    const error = fail('\ufeff{"a": 1}')
    expect(error.hint).toMatch(/byte-order mark/)
  })

  it('reports an empty file', () => {
    expect(parseJsonText('', 'json').ok).toBe(false)
  })
})

describe('locate', () => {
  it('counts lines and columns from 1, with CRLF line endings', () => {
    expect(locate('ab\r\ncd', 4)).toEqual({ line: 2, column: 1, lineText: 'cd' })
  })
})

import { describe, expect, it } from 'vitest'
import { parseConfigText } from '../../../src/main/core/config/formats'
import { keyedView, unkeyed, type KeyedList } from '../../../src/main/core/config/keyed-list'
import { applyToValue, type PathOp } from '../../../src/main/core/config/pathops'
import { editYamlText } from '../../../src/main/core/config/yaml-edit'

const LISTS: KeyedList[] = [{ path: ['mcpServers'], key: 'name' }]

/** Edits `text` and checks the result parses to exactly what the operations mean; returns it. */
function edit(text: string, ops: PathOp[], lists: KeyedList[] = []): string {
  const before = parseConfigText(text, 'yaml')
  if (!before.ok) throw new Error(before.error.message)
  const expected = applyToValue(keyedView(before.value ?? {}, lists), ops)
  const out = editYamlText(text, ops, { lists })
  const after = parseConfigText(out, 'yaml')
  expect(after.ok, out).toBe(true)
  expect(unkeyed(keyedView((after as { value: unknown }).value, lists), lists), out).toEqual(unkeyed(expected, lists))
  return out
}

describe('YAML edits change only the lines they must', () => {
  it('follows the file\'s own indentation: four spaces, and lists not indented under their key (Goose\'s own style)', () => {
    const serde = 'extensions:\n    memory:\n        args:\n        - -y\n        cmd: npx\n'
    expect(edit(serde, [{ kind: 'set', path: ['extensions', 'fetch'], value: { cmd: 'uvx', args: ['mcp-server-fetch'], envs: { A: '1' } } }])).toBe(
      `${serde}    fetch:\n        cmd: uvx\n        args:\n        - mcp-server-fetch\n        envs:\n            A: "1"\n`
    )
    const indented = 'extensions:\n  memory:\n    args:\n      - -y\n'
    expect(edit(indented, [{ kind: 'set', path: ['extensions', 'memory', 'args'], value: ['a', 'b'] }])).toBe('extensions:\n  memory:\n    args:\n      - a\n      - b\n')
  })

  it('keeps a replaced scalar\'s quoting, its trailing comment, and every other line', () => {
    const text = 'a: "double"   # note\nb: \'single\'\nc: plain\nd: |\n  block\n  text\ne: last\n'
    const out = edit(text, [
      { kind: 'set', path: ['a'], value: 'new "one"' },
      { kind: 'set', path: ['b'], value: "it's" },
      { kind: 'set', path: ['c'], value: '# not a comment' },
      { kind: 'set', path: ['d'], value: 'one line' }
    ])
    expect(out).toBe('a: "new \\"one\\""   # note\nb: \'it\'\'s\'\nc: "# not a comment"\nd: one line\ne: last\n')
  })

  it('writes strings that look like other types, control characters and odd keys so they read back as strings', () => {
    const values = ['true', '300', 'null', '~', '0x1F', '', ' spaced ', 'tab\there', 'line\nbreak', 'a: b', '- x', '@scope/pkg', '*star', '{x}', 'émoji 🚀', '\u007f', '${API_KEY}', "it's"]
    let text = 'env:\n  KEEP: me\n'
    for (const [i, value] of values.entries()) text = edit(text, [{ kind: 'set', path: ['env', `K${i}`], value }])
    for (const key of ['true', '1', 'my server', '"q"', 'a.b', '#hash', 'x: y']) text = edit(text, [{ kind: 'set', path: ['env', key], value: key }])
    expect(text.startsWith('env:\n  KEEP: me\n')).toBe(true)
    expect(text.split('\n').length).toBe(values.length + 7 + 3)
  })

  it('keeps CRLF line endings, a missing final newline, and a byte-order mark', () => {
    const crlf = 'a:\r\n  b: 1\r\n'
    expect(edit(crlf, [{ kind: 'set', path: ['a', 'c'], value: { d: [1, 2] } }])).toBe('a:\r\n  b: 1\r\n  c:\r\n    d:\r\n      - 1\r\n      - 2\r\n')
    expect(edit('a:\n  b: 1', [{ kind: 'set', path: ['a', 'c'], value: 2 }])).toBe('a:\n  b: 1\n  c: 2')
    expect(edit('\ufeffa: 1\n', [{ kind: 'set', path: ['b'], value: 2 }])).toBe('\ufeffa: 1\nb: 2\n')
  })

  it('adds to an empty or comment-only file, and to a flow mapping in place', () => {
    expect(edit('', [{ kind: 'set', path: ['extensions', 'x'], value: { cmd: 'uvx', args: [] } }])).toBe('extensions:\n  x:\n    cmd: uvx\n    args: []\n')
    expect(edit('# nothing yet\n', [{ kind: 'set', path: ['a'], value: 1 }])).toBe('# nothing yet\na: 1\n')
    expect(edit('x:\n  envs: {}   # none\n', [{ kind: 'set', path: ['x', 'envs', 'A'], value: 'b c' }])).toBe('x:\n  envs: { A: b c }   # none\n')
    expect(edit('x:\n  envs: { A: b, C: d }\n', [{ kind: 'delete', path: ['x', 'envs', 'A'] }])).toBe('x:\n  envs: { C: d }\n')
  })

  it('removes a key with its own lines and the comment lines above it; the last one leaves an empty mapping', () => {
    const text = 'extensions:\n  # the first\n  a:\n    cmd: x   # why\n    envs:\n      K: v\n  # the second\n  b:\n    cmd: y\n# the end\n'
    expect(edit(text, [{ kind: 'delete', path: ['extensions', 'a'] }])).toBe('extensions:\n  # the second\n  b:\n    cmd: y\n# the end\n')
    expect(edit(text, [{ kind: 'delete', path: ['extensions', 'b'] }])).toBe('extensions:\n  # the first\n  a:\n    cmd: x   # why\n    envs:\n      K: v\n# the end\n')
    expect(edit(text, [{ kind: 'delete', path: ['extensions', 'a', 'envs', 'K'] }])).toBe(text.replace('    envs:\n      K: v\n', '    envs: {}\n'))
    expect(edit(text, [{ kind: 'rename', path: ['extensions', 'b'], to: 'true' }])).toBe(text.replace('  b:\n', '  "true":\n'))
  })

  it('addresses a named list by name: add, rename, set, remove, and an item without a name by its position', () => {
    const text = 'mcpServers:\n  - name: a   # first\n    command: x\n  - command: y\n    args: [1]\n'
    expect(edit(text, [{ kind: 'set', path: ['mcpServers', 'b'], value: { name: 'b', command: 'z' } }], LISTS)).toBe(`${text}  - name: b\n    command: z\n`)
    expect(edit(text, [{ kind: 'rename', path: ['mcpServers', 'a'], to: 'first' }, { kind: 'set', path: ['mcpServers', 'first', 'name'], value: 'first' }], LISTS)).toBe(text.replace('name: a ', 'name: first '))
    expect(edit(text, [{ kind: 'set', path: ['mcpServers', '#2', 'env', 'K'], value: 'v' }], LISTS)).toBe(`${text}    env:\n      K: v\n`)
    expect(edit(text, [{ kind: 'delete', path: ['mcpServers', '#2', 'command'] }], LISTS)).toBe('mcpServers:\n  - name: a   # first\n    command: x\n  - args: [1]\n')
    expect(edit(text, [{ kind: 'delete', path: ['mcpServers', 'a'] }], LISTS)).toBe('mcpServers:\n  - command: y\n    args: [1]\n')
    expect(edit('mcpServers:\n  - name: a\n', [{ kind: 'delete', path: ['mcpServers', 'a'] }], LISTS)).toBe('mcpServers: []\n')
    expect(edit('mcpServers: [{ name: a, command: x }]\n', [{ kind: 'set', path: ['mcpServers', 'b'], value: { name: 'b', command: 'y' } }], LISTS)).toBe(
      'mcpServers: [{ name: a, command: x }, { name: b, command: y }]\n'
    )
    expect(edit('name: x\n', [{ kind: 'set', path: ['mcpServers', 'a'], value: { name: 'a', command: 'x' } }], LISTS)).toBe('name: x\nmcpServers:\n  - name: a\n    command: x\n')
  })

  it('fills an empty or null value in place, and new keys go before comments and blank lines that follow a mapping', () => {
    expect(edit('a:\n  envs:\n', [{ kind: 'set', path: ['a', 'envs'], value: { A: 'b' } }])).toBe('a:\n  envs:\n    A: b\n')
    expect(edit('a:\n  envs: ~   # none yet\n  b: 1\n', [{ kind: 'set', path: ['a', 'envs'], value: { A: 'b' } }])).toBe('a:\n  envs:   # none yet\n    A: b\n  b: 1\n')
    expect(edit('x:\n  a:\n    cmd: u\n    # about a\n\n  b: 1\n', [{ kind: 'set', path: ['x', 'a', 'args'], value: ['y'] }])).toBe('x:\n  a:\n    cmd: u\n    args:\n      - y\n    # about a\n\n  b: 1\n')
    expect(edit('---\na:\n  b: 1\n...\n', [{ kind: 'set', path: ['a', 'c'], value: 2 }])).toBe('---\na:\n  b: 1\n  c: 2\n...\n')
    expect(edit('a:\n  desc: a plain\n    scalar on two lines\n  b: 1\n', [{ kind: 'set', path: ['a', 'desc'], value: 'short' }])).toBe('a:\n  desc: short\n  b: 1\n')
  })

  it('refuses anchors and aliases, complex keys and paths through a scalar, instead of guessing', () => {
    const anchored = 'base: &b\n  cmd: x\ncopy: *b\n'
    expect(() => editYamlText(anchored, [{ kind: 'set', path: ['base', 'cmd'], value: 'y' }])).toThrow(/anchor or alias/)
    expect(() => editYamlText(anchored, [{ kind: 'set', path: ['copy', 'cmd'], value: 'y' }])).toThrow(/anchor or alias/)
    // replacing an alias itself changes only this place
    expect(edit(anchored, [{ kind: 'set', path: ['copy'], value: { cmd: 'z' } }])).toBe('base: &b\n  cmd: x\ncopy:\n  cmd: z\n')
    expect(() => editYamlText('a: 1\n', [{ kind: 'set', path: ['a', 'b'], value: 1 }])).toThrow(/not a mapping/)
    expect(() => editYamlText('? [x]\n: 1\n', [{ kind: 'rename', path: ['[ x ]'], to: 'y' }])).toThrow()
    expect(() => editYamlText('a: [\n', [{ kind: 'set', path: ['a'], value: 1 }])).toThrow(/does not parse/)
  })
})

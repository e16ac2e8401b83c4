import { findNodeAtLocation, parseTree } from 'jsonc-parser'
import { parseTOML } from 'toml-eslint-parser'

/** Where two texts differ: the first changed offset, and the end of the changed part in each. */
export function changedRegion(before: string, after: string): { start: number; endBefore: number; endAfter: number } | undefined {
  if (before === after) return undefined
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let tail = 0
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++
  return { start, endBefore: before.length - tail, endAfter: after.length - tail }
}

/** The span of a key path's whole definition in a JSON(C) or TOML text, from its line start. */
export function spanOf(text: string, format: 'json' | 'toml', path: string[]): [number, number] | undefined {
  if (format === 'json') {
    const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path)
    const prop = node?.parent?.type === 'property' ? node.parent : node
    if (!prop) return undefined
    return [text.lastIndexOf('\n', prop.offset - 1) + 1, prop.offset + prop.length]
  }
  const ast = parseTOML(text) as unknown as { body: [{ body: { type: string; resolvedKey?: string[]; range: [number, number] }[] }] }
  const tables = ast.body[0].body.filter((n) => n.type === 'TOMLTable' && path.every((p, i) => String(n.resolvedKey![i]) === p))
  if (tables.length === 0) return undefined
  return [Math.min(...tables.map((t) => t.range[0])), Math.max(...tables.map((t) => t.range[1]))]
}

/**
 * The text an operation on `path` may rewrite: the value at the path (a replaced array takes the
 * comments inside it along), the whole table for a removed TOML table, the property and the
 * comment lines right above it for a removed JSON property. Undefined when the path is new.
 */
export function valueSpan(text: string, format: 'json' | 'toml', path: string[], removal: boolean): [number, number] | undefined {
  if (format === 'json') {
    const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path)
    if (!node) return undefined
    if (!removal) return [node.offset, node.offset + node.length]
    const prop = node.parent?.type === 'property' ? node.parent : node
    let start = text.lastIndexOf('\n', prop.offset - 1) + 1
    for (;;) {
      const prevStart = text.lastIndexOf('\n', start - 2) + 1
      if (start <= 0 || !/^[ \t]*(\/\/.*|\/\*.*\*\/)[ \t]*\r?$/.test(text.slice(prevStart, start - 1))) break
      start = prevStart
    }
    return [start, prop.offset + prop.length]
  }
  const ast = parseTOML(text) as unknown as {
    body: [{ body: { type: string; resolvedKey?: (string | number)[]; range: [number, number]; key: { keys: { type: string; name?: string; value?: string }[] }; value: { range: [number, number] }; body?: unknown[] }[] }]
  }
  const name = (k: { type: string; name?: string; value?: string }): string => (k.type === 'TOMLBare' ? k.name! : k.value!)
  let found: [number, number] | undefined
  const visit = (kvs: { key: { keys: { type: string; name?: string; value?: string }[] }; value: { range: [number, number] } }[], base: string[]): void => {
    for (const kv of kvs) {
      const full = [...base, ...kv.key.keys.map(name)]
      if (full.length === path.length && full.every((p, i) => p === path[i])) {
        // a removed key takes its whole line, trailing comment included
        const end = text.indexOf('\n', kv.value.range[1])
        found = removal ? [text.lastIndexOf('\n', kv.value.range[0]) + 1, end === -1 ? text.length : end] : kv.value.range
      }
    }
  }
  const items = ast.body[0].body
  visit(items.filter((n) => n.type === 'TOMLKeyValue') as never, [])
  for (const t of items.filter((n) => n.type === 'TOMLTable')) visit(t.body as never, t.resolvedKey!.map(String))
  return found ?? spanOf(text, 'toml', path)
}

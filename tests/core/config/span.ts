import { findNodeAtLocation, parseTree } from 'jsonc-parser'
import { parseTOML } from 'toml-eslint-parser'
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml'

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

/** A named list (Continue's `mcpServers`), as the YAML editor addresses it. */
export interface NamedList {
  path: string[]
  key: string
}

type YamlNode = { range?: [number, number, number]; items?: unknown[]; flow?: boolean }

/**
 * Walks a YAML document along `path` (items of a named list by their name, `#N` when they have
 * none): the node reached, the pair holding it, and the collection around it.
 */
function yamlWalk(text: string, path: string[], lists: NamedList[]): { node: YamlNode; pair?: Pair; parent?: YamlNode; grand?: { pair?: Pair; node: YamlNode } } | undefined {
  const doc = parseDocument(text)
  const keyName = (p: Pair): string => String((p.key as { value?: unknown }).value)
  let node: unknown = doc.contents
  let pair: Pair | undefined
  let parent: YamlNode | undefined
  let grand: { pair?: Pair; node: YamlNode } | undefined
  for (const [i, key] of path.entries()) {
    const list = lists.find((l) => l.path.length === i && l.path.every((p, j) => p === path[j]))
    grand = { pair, node: node as YamlNode }
    if (isMap(node)) {
      const found = node.items.find((p) => keyName(p) === key)
      if (!found) return undefined
      parent = node as unknown as YamlNode
      pair = found
      node = found.value
    } else if (isSeq(node) && list) {
      const items = node.items
      const index = items.findIndex((item, n) => {
        const name = isMap(item) ? (item.items.find((p) => keyName(p) === list.key)?.value as { value?: unknown } | undefined)?.value : undefined
        return (typeof name === 'string' && name !== '' ? name : `#${n + 1}`) === key
      })
      if (index === -1) return undefined
      parent = node as unknown as YamlNode
      pair = undefined
      node = items[index]
    } else return undefined
  }
  return { node: node as YamlNode, pair, parent, grand }
}

const yamlLineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1
const yamlLineEnd = (text: string, at: number): number => (at > 0 && text[at - 1] === '\n' ? at : text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at) + 1)

/** From a definition's line (or the dash of a list item) to the end of its value. */
function yamlDefinition(text: string, found: { node: YamlNode; pair?: Pair }): [number, number] {
  const keyStart = found.pair ? (found.pair.key as YamlNode).range![0] : text.lastIndexOf('-', found.node.range![0])
  return [yamlLineStart(text, keyStart), yamlLineEnd(text, found.node.range![1])]
}

/** The span of a key path's whole definition in a YAML text, from its line start. */
export function yamlSpanOf(text: string, path: string[], lists: NamedList[] = []): [number, number] | undefined {
  const found = yamlWalk(text, path, lists)
  return found ? yamlDefinition(text, found) : undefined
}

/**
 * The text an operation on `path` may rewrite in a YAML file: a replaced scalar; the value after
 * a key's colon (comments between them included); a whole flow collection that changes; a
 * removed definition with the comment lines right above it; the parent's value when its last
 * entry goes. Undefined when the path is new.
 */
export function yamlValueSpan(text: string, path: string[], removal: boolean, lists: NamedList[] = []): [number, number] | undefined {
  const found = yamlWalk(text, path, lists)
  if (!found) return undefined
  if (found.parent?.flow) return [found.parent.range![0], found.parent.range![1]]
  if (!removal) {
    if (!found.pair) return yamlDefinition(text, found)
    if (isScalar(found.node) && !/^BLOCK/.test(String((found.node as { type?: string }).type))) return [found.node.range![0], found.node.range![1]]
    return [(found.pair.key as YamlNode).range![1], yamlLineEnd(text, found.node.range![1])]
  }
  if (found.parent && found.parent.items!.length === 1 && found.grand) {
    const holder = found.grand
    return holder.pair ? [(holder.pair.key as YamlNode).range![1], yamlLineEnd(text, holder.node.range![1])] : yamlDefinition(text, { node: holder.node })
  }
  const [from, end] = yamlDefinition(text, found)
  let start = from
  for (;;) {
    const prev = yamlLineStart(text, start - 1)
    if (start <= 0 || !/^[ \t]*#.*\r?$/.test(text.slice(prev, start - 1))) break
    start = prev
  }
  return [start, end]
}

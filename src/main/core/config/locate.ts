import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser'
import { parseTOML } from 'toml-eslint-parser'
import { isMap, isSeq, parseDocument } from 'yaml'
import type { ConfigFormat } from './formats'
import { locate } from './parse'

export interface Position {
  /** 1-based */
  line: number
  /** 1-based */
  column: number
}

/** Finds where a key path sits in a file's text: the start of its key, or undefined. */
export type Locator = (segments: readonly (string | number)[]) => Position | undefined

/**
 * A locator for a parsed file: given the keys from the top of the document to a value, the line
 * and column where it is written. Parses lazily and at most once; never throws.
 */
export function makeLocator(text: string, format: ConfigFormat): Locator {
  let find: ((segments: readonly (string | number)[]) => number | undefined) | undefined
  const build = (): typeof find => {
    try {
      if (format === 'toml') return tomlFinder(text)
      if (format === 'yaml') return yamlFinder(text)
      return jsonFinder(text)
    } catch {
      return () => undefined
    }
  }
  return (segments) => {
    find ??= build()
    let offset: number | undefined
    try {
      offset = find!(segments)
    } catch {
      offset = undefined
    }
    if (offset === undefined) return undefined
    const { line, column } = locate(text, offset)
    return { line, column }
  }
}

function jsonFinder(text: string): (segments: readonly (string | number)[]) => number | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const shift = source === text ? 0 : 1
  const tree = parseTree(source, [], { allowTrailingComma: true, disallowComments: false })
  return (segments) => {
    if (!tree) return undefined
    const node: Node | undefined = findNodeAtLocation(tree, [...segments])
    if (!node) return undefined
    const start = node.parent?.type === 'property' ? node.parent.offset : node.offset
    return start + shift
  }
}

function tomlFinder(text: string): (segments: readonly (string | number)[]) => number | undefined {
  const ast = parseTOML(text)
  const top = ast.body[0]
  return (segments) => {
    const want = segments.map(String)
    let best: { offset: number; depth: number } | undefined
    const consider = (keyPath: string[], offset: number): void => {
      let depth = 0
      while (depth < keyPath.length && depth < want.length && keyPath[depth] === want[depth]) depth++
      if (depth === keyPath.length && depth > 0 && (!best || depth > best.depth)) best = { offset, depth }
    }
    for (const node of top?.body ?? []) {
      if (node.type === 'TOMLKeyValue') consider(node.key.keys.map(keyName), node.range[0])
      else if (node.type === 'TOMLTable') {
        consider(node.resolvedKey.map(String), node.range[0])
        for (const kv of node.body) consider([...node.resolvedKey.map(String), ...kv.key.keys.map(keyName)], kv.range[0])
      }
    }
    return best && (best.depth === want.length || best.depth >= 2) ? best.offset : undefined
  }
}

function keyName(key: { type: string; name?: string; value?: string }): string {
  return key.type === 'TOMLBare' ? (key.name ?? '') : (key.value ?? '')
}

function yamlFinder(text: string): (segments: readonly (string | number)[]) => number | undefined {
  const doc = parseDocument(text)
  return (segments) => {
    let node: unknown = doc.contents
    let offset: number | undefined
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(segment))
        if (!pair) return offset
        offset = (pair.key as { range?: [number, number, number] })?.range?.[0] ?? offset
        node = pair.value
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment]
        offset = (node as { range?: [number, number, number] })?.range?.[0] ?? offset
      } else return offset
    }
    return offset
  }
}

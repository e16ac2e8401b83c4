import { parse as parseToml } from 'smol-toml'
import { parseTOML } from 'toml-eslint-parser'
import type { PathOp } from './pathops'

/**
 * Format-preserving TOML edits on the parsed syntax tree (toml-eslint-parser, which keeps exact
 * ranges): a value is replaced where it is written, a new key goes on its own line at the end of
 * its table, a new server becomes a new table at the end of the file, a removed one takes only
 * its own lines. Comments, blank lines, other tables and key order stay as they were.
 */

type AnyNode = { type: string; range: [number, number] }
interface KeyPart extends AnyNode {
  name?: string
  value?: string
}
interface KeyValue extends AnyNode {
  key: { keys: KeyPart[] }
  value: AnyNode & { body?: KeyValue[]; elements?: unknown[] }
}
interface Table extends AnyNode {
  kind: 'standard' | 'array'
  key: { keys: KeyPart[] }
  resolvedKey: (string | number)[]
  body: KeyValue[]
}

/** A key/value anywhere in the document, with its full key path and the node of each segment. */
interface Located {
  kv: KeyValue
  path: string[]
  /** the syntax node for each segment of `path` */
  nodes: KeyPart[]
  table?: Table
  /** the inline table that holds it, when it is inside one */
  inline?: KeyValue
}

const keyName = (k: KeyPart): string => (k.type === 'TOMLBare' ? (k.name ?? '') : (k.value ?? ''))

/** A key as TOML writes it: bare when it can be, else a quoted string. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key)
}

/** A TOML basic string. */
export function tomlString(value: string): string {
  let out = '"'
  for (const ch of value) {
    const code = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`
    else out += ch
  }
  return `${out}"`
}

/** A value as an inline TOML expression. Throws for values TOML cannot hold (null). */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value)
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('TOML cannot hold NaN or infinite numbers here')
    return String(value)
  }
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`
  if (value && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`
  }
  throw new Error(`TOML has no way to write ${value === null ? 'null' : typeof value}`)
}

function parse(text: string): { tables: Table[]; top: KeyValue[]; all: Located[] } {
  const ast = parseTOML(text) as unknown as { body: [{ body: (KeyValue | Table)[] }] }
  const items = ast.body[0].body
  const top = items.filter((n): n is KeyValue => n.type === 'TOMLKeyValue')
  const tables = items.filter((n): n is Table => n.type === 'TOMLTable')
  const all: Located[] = []
  const walk = (kvs: KeyValue[], base: string[], baseNodes: KeyPart[], table: Table | undefined, inline: KeyValue | undefined): void => {
    for (const kv of kvs) {
      const path = [...base, ...kv.key.keys.map(keyName)]
      const nodes = [...baseNodes, ...kv.key.keys]
      all.push({ kv, path, nodes, table, inline })
      if (kv.value.type === 'TOMLInlineTable' && kv.value.body) walk(kv.value.body, path, nodes, table, inline ?? kv)
    }
  }
  walk(top, [], [], undefined, undefined)
  for (const t of tables) {
    if (t.kind !== 'standard') continue
    walk(t.body, t.resolvedKey.map(String), t.key.keys, t, undefined)
  }
  return { tables, top, all }
}

const startsWith = (path: readonly string[], prefix: readonly string[]): boolean => prefix.every((p, i) => path[i] === p)
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && startsWith(a, b)

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset)
  return nl === -1 ? text.length : nl + 1
}
function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n'
}

/** Reads the current value of an inline table node as plain data, by parsing its text. */
function inlineValue(text: string, node: AnyNode): Record<string, unknown> {
  return JSON.parse(JSON.stringify(parseToml(`x = ${text.slice(node.range[0], node.range[1])}`).x)) as Record<string, unknown>
}

function setIn(obj: Record<string, unknown>, path: string[], value: unknown, remove: boolean): void {
  let cur = obj
  for (const seg of path.slice(0, -1)) {
    if (typeof cur[seg] !== 'object' || cur[seg] === null) cur[seg] = {}
    cur = cur[seg] as Record<string, unknown>
  }
  const last = path[path.length - 1]!
  if (remove) delete cur[last]
  else cur[last] = value
}

/**
 * Applies path operations to TOML text. Throws an Error (and the caller writes nothing) when an
 * operation meets a layout it cannot edit in place, such as an array of tables.
 */
export function editTomlText(text: string, ops: readonly PathOp[]): string {
  let out = text
  for (const op of ops) out = applyOne(out, op)
  return out
}

function applyOne(text: string, op: PathOp): string {
  const { tables, all } = parse(text)
  const eol = eolOf(text)
  const path = op.path
  const replace = (start: number, end: number, insert: string): string => text.slice(0, start) + insert + text.slice(end)

  if (op.kind === 'rename') {
    const depth = path.length - 1
    const edits: KeyPart[] = []
    for (const t of tables) {
      const key = t.resolvedKey.map(String)
      if (key.length > depth && startsWith(key, path) && t.key.keys[depth]) edits.push(t.key.keys[depth]!)
    }
    for (const loc of all) if (loc.path.length > depth && startsWith(loc.path, path) && !loc.table?.key.keys.includes(loc.nodes[depth]!)) edits.push(loc.nodes[depth]!)
    const unique = [...new Set(edits)].sort((a, b) => b.range[0] - a.range[0])
    if (unique.length === 0) throw new Error(`${path.join('.')} was not found in the file`)
    let result = text
    for (const node of unique) result = result.slice(0, node.range[0]) + tomlKey(op.to) + result.slice(node.range[1])
    return result
  }

  // Inside an inline table: rewrite that inline table only.
  const holder = all.find((l) => l.kv.value.type === 'TOMLInlineTable' && path.length > l.path.length && startsWith(path, l.path) && !l.inline)
  if (holder) {
    const value = inlineValue(text, holder.kv.value)
    setIn(value, path.slice(holder.path.length), op.kind === 'set' ? op.value : undefined, op.kind === 'delete')
    return replace(holder.kv.value.range[0], holder.kv.value.range[1], tomlValue(value))
  }

  const exact = all.find((l) => same(l.path, path) && !l.inline)
  if (op.kind === 'delete') {
    const subtables = tables.filter((t) => startsWith(t.resolvedKey.map(String), path))
    const kvs = all.filter((l) => !l.inline && startsWith(l.path, path) && !subtables.includes(l.table!))
    const ranges: [number, number][] = [
      ...subtables.map((t): [number, number] => [lineStart(text, t.range[0]), lineEnd(text, t.range[1])]),
      ...kvs.map((l): [number, number] => [lineStart(text, l.kv.range[0]), lineEnd(text, l.kv.range[1])])
    ].sort((a, b) => b[0] - a[0])
    let result = text
    for (const [start, end] of ranges) result = result.slice(0, start) + result.slice(end)
    return result
  }

  if (exact) return replace(exact.kv.value.range[0], exact.kv.value.range[1], tomlValue(op.value))
  if (tables.some((t) => t.kind === 'array' && startsWith(path, t.resolvedKey.map(String)))) {
    throw new Error(`${path.join('.')} sits in an array of tables, which MCP Medic does not edit`)
  }
  const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  const nest = (keys: string[], value: unknown): unknown => keys.reduceRight((acc, k) => ({ [k]: acc }), value)

  // The deepest part of the path that is already written decides where the new key goes.
  let best: { depth: number; at: number; line: (eolText: string) => string } | undefined
  for (const t of tables) {
    const key = t.resolvedKey.map(String)
    if (t.kind !== 'standard' || key.length >= path.length || !startsWith(path, key)) continue
    if (best && best.depth >= key.length) continue
    const last = t.body[t.body.length - 1]
    const rest = path.slice(key.length)
    best = {
      depth: key.length,
      at: lineEnd(text, last ? last.range[1] : t.range[1]),
      line: (e) => `${tomlKey(rest[0]!)} = ${tomlValue(nest(rest.slice(1), op.value))}${e}`
    }
  }
  for (const l of all) {
    if (l.inline) continue
    const base = l.table ? l.table.resolvedKey.length : 0
    let common = 0
    while (common < l.path.length && common < path.length && l.path[common] === path[common]) common++
    if (common <= base || common >= l.path.length || common >= path.length) continue
    if (best && best.depth > common) continue
    best = { depth: common, at: lineEnd(text, l.kv.range[1]), line: (e) => `${path.slice(base).map(tomlKey).join('.')} = ${tomlValue(op.value)}${e}` }
  }
  if (best) {
    const prefix = best.at === text.length && !text.endsWith('\n') ? eol : ''
    return replace(best.at, best.at, `${prefix}${best.line(eol)}`)
  }
  // Nothing of it exists yet: a new table at the end of the file.
  if (isTable(op.value)) {
    const scalars = Object.entries(op.value).filter(([, v]) => !isTable(v))
    const nested = Object.entries(op.value).filter(([, v]) => isTable(v)) as [string, Record<string, unknown>][]
    let block = `[${path.map(tomlKey).join('.')}]${eol}`
    for (const [k, v] of scalars) block += `${tomlKey(k)} = ${tomlValue(v)}${eol}`
    for (const [k, v] of nested) {
      block += `${eol}[${[...path, k].map(tomlKey).join('.')}]${eol}`
      for (const [k2, v2] of Object.entries(v)) block += `${tomlKey(k2)} = ${tomlValue(v2)}${eol}`
    }
    const trimmed = text.replace(/(\r?\n)*$/, '')
    return trimmed.length === 0 ? block : `${trimmed}${eol}${eol}${block}`
  }
  const trimmed = text.replace(/(\r?\n)*$/, '')
  const line = `${path.map(tomlKey).join('.')} = ${tomlValue(op.value)}${eol}`
  if (tables.length === 0) return trimmed.length === 0 ? line : `${trimmed}${eol}${line}`
  // a dotted key after a table would land inside it: put it before the first table
  const first = lineStart(text, Math.min(...tables.map((t) => t.range[0])))
  return replace(first, first, line)
}

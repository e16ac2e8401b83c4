import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { itemKeys, type KeyedList } from './keyed-list'
import type { PathOp } from './pathops'
import { blockLines, flowText, inlineText, isInline, itemLines, pairLines, scalarText, type YamlStyle } from './yaml-render'

/**
 * Format-preserving YAML edits. The file is read with the `yaml` package's Document API, which
 * keeps the exact source range of every node; an edit then rewrites only those ranges: a scalar
 * is replaced where it stands (keeping its quoting), a new key goes on its own line after its last
 * sibling in the siblings' indentation, a removed key takes its own lines (and the comment lines
 * right above it) with it, a renamed key changes only the key. Comments, blank lines, key order,
 * quoting, indentation and every other key stay byte for byte. A flow collection (`[a, b]`,
 * `{}`) that changes is rewritten as a flow collection. A named list (Continue's `mcpServers`)
 * is addressed by its items' names (keyed-list.ts).
 */

export interface YamlEditOptions {
  /** lists whose items are addressed by name, as in keyed-list.ts's view of the document */
  lists?: readonly KeyedList[]
}

/**
 * Applies path operations to YAML text. Throws an Error (and the caller writes nothing) when the
 * file does not parse, or when an operation meets what MCP Medic does not edit in place: anchors
 * and aliases, complex keys, a path through something that is not a mapping.
 */
export function editYamlText(text: string, ops: readonly PathOp[], options: YamlEditOptions = {}): string {
  let out = text
  for (const op of ops) out = applyOne(out, op, options.lists ?? [])
  return out
}

interface Ctx {
  text: string
  doc: Document
  eol: string
  style: YamlStyle
  lists: readonly KeyedList[]
}

/** One step down a path: the node reached, and what holds it. */
interface Step {
  node: Node | null
  pair?: Pair
  parent?: YAMLMap | YAMLSeq
  index?: number
  list?: KeyedList
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => b[i] === k)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function applyOne(text: string, op: PathOp, lists: readonly KeyedList[]): string {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0) throw new Error(`the file does not parse as YAML (${doc.errors[0]!.message.split('\n')[0]})`)
  const ctx: Ctx = { text, doc, eol: text.includes('\r\n') ? '\r\n' : '\n', style: detectStyle(text, doc), lists }
  if (op.kind === 'set') return set(ctx, op.path, op.value)
  if (op.kind === 'delete') return remove(ctx, op.path)
  return rename(ctx, op.path, op.to)
}

/** A map key as the parsed document's object keys spell it. */
function keyOf(pair: Pair): string {
  const key = pair.key as unknown
  if (isScalar(key)) return key.value === null ? '' : String(key.value)
  return String(key)
}

/** The name of a list item, as keyed-list.ts reads it from plain data. */
function nodeName(item: unknown, field: string): string | undefined {
  if (!isMap(item)) return undefined
  const value = item.items.find((p) => keyOf(p) === field)?.value
  return isScalar(value) && typeof value.value === 'string' && value.value.length > 0 ? value.value : undefined
}

function shared(node: unknown): boolean {
  return isAlias(node) || (isScalar(node) || isMap(node) || isSeq(node) ? node.anchor !== undefined : false)
}

function aliasError(path: readonly string[]): Error {
  return new Error(`${path.join('.') || 'the top of the file'} uses a YAML anchor or alias (&name, *name), which MCP Medic does not edit`)
}

/** Walks a path as far as it exists. `steps[i]` is the node at `path.slice(0, i)`. */
function resolve(ctx: Ctx, path: readonly string[]): Step[] {
  const steps: Step[] = [{ node: (ctx.doc.contents as Node | null) ?? null }]
  for (let i = 0; i < path.length; i++) {
    const current = steps[i]!.node
    if (current === null) break
    if (shared(current)) throw aliasError(path.slice(0, i))
    const segment = path[i]!
    if (isMap(current)) {
      const pair = current.items.find((p) => keyOf(p) === segment)
      if (!pair) break
      steps.push({ node: (pair.value as Node | null) ?? null, pair, parent: current })
      continue
    }
    const list = ctx.lists.find((l) => same(l.path, path.slice(0, i)))
    if (!list || !isSeq(current)) break
    const index = itemKeys(current.items.map((item) => nodeName(item, list.key))).indexOf(segment)
    if (index === -1) break
    steps.push({ node: current.items[index] as Node, parent: current, index, list })
  }
  return steps
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset)
  return nl === -1 ? text.length : nl + 1
}
function column(text: string, offset: number): number {
  const start = lineStart(text, offset)
  // a byte-order mark is not indentation
  return offset - start - (start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0)
}
/** The end of a node and of its line: past the newline that ends its last line (or the file). */
function endOfLine(text: string, offset: number): number {
  return offset > 0 && text[offset - 1] === '\n' ? offset : lineEnd(text, offset)
}
function range(node: unknown): [number, number, number] {
  const r = (node as { range?: [number, number, number] } | null)?.range
  if (!r) throw new Error('MCP Medic cannot place this edit in the file')
  return r
}
function splice(ctx: Ctx, start: number, end: number, insert: string): string {
  return ctx.text.slice(0, start) + insert + ctx.text.slice(end)
}
/** The dash that starts a list item. */
function dashOf(text: string, item: unknown): number {
  let i = range(item)[0] - 1
  while (i >= 0 && /\s/.test(text[i]!)) i--
  if (text[i] !== '-') throw new Error('MCP Medic cannot place this edit in the list')
  return i
}
/** The first of the comment lines directly above the line at `start`. */
function commentsAbove(text: string, start: number): number {
  let from = start
  while (from > 0) {
    const prev = lineStart(text, from - 1)
    if (!/^[ \t]*#.*$/.test(text.slice(prev, from - 1).replace(/\r$/, ''))) break
    from = prev
  }
  return from
}

/**
 * How the file indents nested mappings and lists, learnt from the first of each it has, and the
 * quotes most of its quoted strings use.
 */
function detectStyle(text: string, doc: Document): YamlStyle {
  let unit: number | undefined
  let seqIndent: boolean | undefined
  let single = 0
  let double = 0
  visit(doc, {
    Scalar(_, node) {
      if (node.type === 'QUOTE_SINGLE') single++
      else if (node.type === 'QUOTE_DOUBLE') double++
    },
    Pair(_, pair) {
      const key = pair.key as unknown
      if (!isScalar(key) || !key.range) return
      const keyColumn = column(text, key.range[0])
      const value = pair.value as unknown
      if (unit === undefined && isMap(value) && !value.flow && isScalar(value.items[0]?.key) && value.items[0].key.range) {
        const step = column(text, value.items[0].key.range[0]) - keyColumn
        if (step > 0) unit = step
      }
      if (seqIndent === undefined && isSeq(value) && !value.flow && value.items.length > 0) seqIndent = column(text, dashOf(text, value.items[0])) > keyColumn
    }
  })
  return { unit: unit ?? 2, seqIndent: seqIndent ?? true, quote: single > double ? 'QUOTE_SINGLE' : double > 0 ? 'QUOTE_DOUBLE' : undefined }
}

/** Inserts whole lines at `at`, which should be a line start; keeps a missing final newline missing. */
function insertLines(ctx: Ctx, at: number, lines: string[]): string {
  const { text, eol } = ctx
  if (at > 0 && text[at - 1] !== '\n') {
    if (at >= text.length) return text + eol + lines.join(eol)
    at = lineEnd(text, at)
  }
  return text.slice(0, at) + lines.join(eol) + eol + text.slice(at)
}

function plain(ctx: Ctx, node: YAMLMap | YAMLSeq): unknown {
  return node.toJS(ctx.doc, { maxAliasCount: 100 })
}

function set(ctx: Ctx, path: readonly string[], value: unknown): string {
  const steps = resolve(ctx, path)
  const found = steps.length - 1
  if (found === path.length) {
    if (path.length === 0) throw new Error('MCP Medic does not replace a whole file')
    const last = steps[found]!
    if (shared(last.node) && !isAlias(last.node)) throw aliasError(path)
    if (last.pair) return setPairValue(ctx, last.parent as YAMLMap, last.pair, value)
    return replaceItem(ctx, last.parent as YAMLSeq, last.index!, value)
  }
  const holder = steps[found]!
  const rest = path.slice(found)
  const nested = rest.slice(1).reduceRight<unknown>((acc, key) => ({ [key]: acc }), value)
  // a keyed list that does not exist yet is written as a list
  const list = ctx.lists.find((l) => same(l.path, path.slice(0, found + 1)))
  const written = list && isObject(nested) ? Object.entries(nested).map(([key, item]) => (isObject(item) ? { [list.key]: key, ...item } : item)) : nested
  const node = holder.node
  if (node === null) {
    if (found > 0) throw new Error(`${path.slice(0, found).join('.')} is empty, not a mapping`)
    return insertLines(ctx, ctx.text.length, pairLines(rest[0]!, written, 0, ctx.style))
  }
  if (isMap(node)) return insertPair(ctx, node, rest[0]!, written)
  const here = ctx.lists.find((l) => same(l.path, path.slice(0, found)))
  if (here && isSeq(node)) return appendItem(ctx, node, isObject(nested) ? { [here.key]: rest[0]!, ...nested } : nested)
  throw new Error(`${path.slice(0, found).join('.') || 'the top of the file'} is not a mapping`)
}

/** Replaces the value of `key: value` in place, keeping the key and (for scalars) its trailing comment. */
function setPairValue(ctx: Ctx, map: YAMLMap, pair: Pair, value: unknown): string {
  const { text } = ctx
  if (map.flow) {
    const obj = plain(ctx, map) as Record<string, unknown>
    obj[keyOf(pair)] = value
    return splice(ctx, range(map)[0], range(map)[1], flowText(obj, ctx.style.quote))
  }
  const current = pair.value as unknown
  const blockScalar = isScalar(current) && (current.type === 'BLOCK_LITERAL' || current.type === 'BLOCK_FOLDED')
  if (isScalar(current) && !blockScalar && isInline(value) && !Array.isArray(value) && !isObject(value)) {
    return splice(ctx, range(current)[0], range(current)[1], scalarText(value, 'block', current.type, ctx.style.quote))
  }
  const key = range(pair.key)
  let colon = key[1]
  while (colon < text.length && (text[colon] === ' ' || text[colon] === '\t')) colon++
  if (text[colon] !== ':') throw new Error(`MCP Medic cannot place the value of "${keyOf(pair)}"`)
  const start = colon + 1
  const end = current === null || current === undefined ? start : Math.max(start, range(current)[1])
  let body: string
  if (isInline(value)) body = ` ${inlineText(value, ctx.style.quote)}`
  else if ((isMap(current) || isSeq(current)) && current.flow) body = ` ${flowText(value, ctx.style.quote)}`
  else {
    const keyColumn = column(text, key[0])
    const child = Array.isArray(value) ? (ctx.style.seqIndent ? keyColumn + ctx.style.unit : keyColumn) : keyColumn + ctx.style.unit
    const lines = blockLines(value, child, ctx.style)
    if (!blockScalar && (current === null || current === undefined || isScalar(current))) {
      // a one-line value gives way to lines below the key; a comment after it stays on the key's line
      const lineEnd = endOfLine(text, end)
      const keyLine = text.slice(0, start) + text.slice(end, lineEnd)
      const rest = text.slice(lineEnd)
      return keyLine.endsWith('\n') ? keyLine + lines.join(ctx.eol) + ctx.eol + rest : keyLine + ctx.eol + lines.join(ctx.eol)
    }
    body = ctx.eol + lines.join(ctx.eol)
  }
  if (end > start && text[end - 1] === '\n') body += ctx.eol
  return splice(ctx, start, end, body)
}

function insertPair(ctx: Ctx, map: YAMLMap, key: string, value: unknown): string {
  if (map.flow) {
    const obj = plain(ctx, map) as Record<string, unknown>
    obj[key] = value
    return splice(ctx, range(map)[0], range(map)[1], flowText(obj, ctx.style.quote))
  }
  const first = map.items[0]
  const keyColumn = first ? column(ctx.text, range(first.key)[0]) : 0
  return insertLines(ctx, range(map)[1], pairLines(key, value, keyColumn, ctx.style))
}

function appendItem(ctx: Ctx, seq: YAMLSeq, item: unknown): string {
  if (seq.flow || seq.items.length === 0) {
    const list = plain(ctx, seq) as unknown[]
    return splice(ctx, range(seq)[0], range(seq)[1], flowText([...list, item], ctx.style.quote))
  }
  const dash = column(ctx.text, dashOf(ctx.text, seq.items[0]))
  return insertLines(ctx, range(seq)[1], itemLines(item, dash, ctx.style))
}

/** The extent of a list item: from its line (the dash) to the end of its last line. */
function itemSpan(ctx: Ctx, item: unknown): [number, number] {
  const dash = dashOf(ctx.text, item)
  const start = lineStart(ctx.text, dash)
  if (!/^[ \t]*$/.test(ctx.text.slice(start, dash))) throw new Error('MCP Medic does not edit a list nested in a list')
  return [start, endOfLine(ctx.text, range(item)[1])]
}

function replaceItem(ctx: Ctx, seq: YAMLSeq, index: number, value: unknown): string {
  const item = seq.items[index]
  if (seq.flow) {
    const list = plain(ctx, seq) as unknown[]
    list[index] = value
    return splice(ctx, range(seq)[0], range(seq)[1], flowText(list, ctx.style.quote))
  }
  const [start, end] = itemSpan(ctx, item)
  const lines = itemLines(value, column(ctx.text, dashOf(ctx.text, item)), ctx.style)
  return splice(ctx, start, end, lines.join(ctx.eol) + (ctx.text[end - 1] === '\n' ? ctx.eol : ''))
}

function remove(ctx: Ctx, path: readonly string[]): string {
  const steps = resolve(ctx, path)
  if (steps.length - 1 < path.length || path.length === 0) return ctx.text
  const last = steps[path.length]!
  const holder = steps[path.length - 1]!
  if (shared(last.node) && !isAlias(last.node)) throw aliasError(path)
  if (last.pair) return removePair(ctx, last.parent as YAMLMap, last.pair, holder)
  return removeItem(ctx, last.parent as YAMLSeq, last.index!, holder)
}

/** Empties the collection `holder` holds (its last entry is going): `key: {}` / `key: []`. */
function emptied(ctx: Ctx, holder: Step, empty: Record<string, never> | never[]): string {
  if (holder.pair) return setPairValue(ctx, holder.parent as YAMLMap, holder.pair, empty)
  if (holder.parent && isSeq(holder.parent) && holder.index !== undefined) return replaceItem(ctx, holder.parent, holder.index, empty)
  const [start, end] = range(holder.node)
  return splice(ctx, start, end, flowText(empty, ctx.style.quote) + (ctx.text[end - 1] === '\n' ? ctx.eol : ''))
}

function removePair(ctx: Ctx, map: YAMLMap, pair: Pair, holder: Step): string {
  const { text } = ctx
  if (map.flow) {
    const obj = plain(ctx, map) as Record<string, unknown>
    delete obj[keyOf(pair)]
    return splice(ctx, range(map)[0], range(map)[1], flowText(obj, ctx.style.quote))
  }
  if (map.items.length === 1) return emptied(ctx, holder, {})
  const keyStart = range(pair.key)[0]
  const start = lineStart(text, keyStart)
  const value = pair.value as unknown
  const end = endOfLine(text, value === null || value === undefined ? range(pair.key)[1] : range(value)[1])
  if (/^[ \t]*$/.test(text.slice(start, keyStart))) return splice(ctx, commentsAbove(text, start), end, '')
  // the first key of a list item ("- key: …"): the next key moves up after the dash
  const next = map.items[map.items.indexOf(pair) + 1]
  if (!next) throw new Error(`MCP Medic cannot remove "${keyOf(pair)}" here`)
  return splice(ctx, keyStart, range(next.key)[0], '')
}

function removeItem(ctx: Ctx, seq: YAMLSeq, index: number, holder: Step): string {
  if (seq.flow) {
    const list = plain(ctx, seq) as unknown[]
    list.splice(index, 1)
    return splice(ctx, range(seq)[0], range(seq)[1], flowText(list, ctx.style.quote))
  }
  if (seq.items.length === 1) return emptied(ctx, holder, [])
  const [start, end] = itemSpan(ctx, seq.items[index])
  return splice(ctx, commentsAbove(ctx.text, start), end, '')
}

function rename(ctx: Ctx, path: readonly string[], to: string): string {
  const steps = resolve(ctx, path)
  if (steps.length - 1 < path.length || path.length === 0) throw new Error(`${path.join('.')} was not found in the file`)
  const last = steps[path.length]!
  if (last.pair) {
    const key = last.pair.key as unknown
    if (!isScalar(key)) throw new Error(`MCP Medic does not rename a complex key (${path.join('.')})`)
    const [start, end] = range(key)
    return splice(ctx, start, end, scalarText(to, 'key', key.type, ctx.style.quote))
  }
  // a named list item: its name field takes the new name
  const item = last.node
  const field = last.list!.key
  if (!isMap(item)) throw new Error(`${path.join('.')} is not a mapping`)
  const named = item.items.find((p) => keyOf(p) === field)
  return named ? setPairValue(ctx, item, named, to) : insertPair(ctx, item, field, to)
}

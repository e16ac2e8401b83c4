import { applyEdits, findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser'
import type { PathOp } from './pathops'

/** How a JSON file is laid out, so inserted text looks like its neighbours. */
export interface JsonLayout {
  /** one level of indentation: a tab or N spaces */
  unit: string
  eol: string
}

/** The layout a JSON file already uses: tabs or spaces, the most common step, CRLF or LF. */
export function detectLayout(text: string): JsonLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]!)
  const tabs = indents.filter((i) => i.startsWith('\t')).length
  if (indents.length > 0 && tabs > indents.length / 2) return { unit: '\t', eol }
  const widths = indents.filter((i) => !i.includes('\t')).map((i) => i.length)
  const smallest = widths.length > 0 ? Math.min(...widths) : 2
  return { unit: ' '.repeat(Math.min(Math.max(smallest, 1), 8)), eol }
}

/**
 * A value as JSON text at a given indentation: arrays of plain values on one line (as configs
 * usually write `args`), objects one key per line.
 */
export function formatJsonValue(value: unknown, layout: JsonLayout, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`
    const inner = indent + layout.unit
    return `[${layout.eol}${value.map((v) => inner + formatJsonValue(v, layout, inner)).join(`,${layout.eol}`)}${layout.eol}${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) return '{}'
    const inner = indent + layout.unit
    return `{${layout.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJsonValue(v, layout, inner)}`).join(`,${layout.eol}`)}${layout.eol}${indent}}`
  }
  const text = JSON.stringify(value)
  if (text === undefined) throw new Error('JSON has no way to write this value')
  return text
}

/** A value as JSON on one line, spaced the way people write it inline: `{ "a": ["b", "c"] }`. */
export function formatJsonInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatJsonInline).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${formatJsonInline(v)}`).join(', ')} }`
  }
  const text = JSON.stringify(value)
  if (text === undefined) throw new Error('JSON has no way to write this value')
  return text
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1
const indentAt = (text: string, offset: number): string => /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0]

/** The offset just past the next significant character after `from`, when it is `char`. */
function nextSignificant(text: string, from: number): { char: string; offset: number } | undefined {
  let i = from
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) i++
    else if (text.startsWith('//', i)) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i)
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i) === -1 ? text.length : text.indexOf('*/', i) + 2
    else return { char: c, offset: i }
  }
  return undefined
}

function parse(text: string): Node | undefined {
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false })
}

/** Adds `key: value` as the last property of the object `node`, in the file's own style. */
function insertProperty(text: string, node: Node, key: string, value: unknown, layout: JsonLayout): string {
  const props = node.children ?? []
  const close = node.offset + node.length - 1
  const parentIndent = indentAt(text, node.offset)
  const last = props[props.length - 1]
  if (!last) {
    const inner = parentIndent + layout.unit
    const body = `${layout.eol}${inner}${JSON.stringify(key)}: ${formatJsonValue(value, layout, inner)}${layout.eol}${parentIndent}`
    return text.slice(0, node.offset + 1) + body + text.slice(close)
  }
  const lastEnd = last.offset + last.length
  const after = nextSignificant(text, lastEnd)
  const trailingComma = after?.char === ','
  const sameLine = !text.slice(lastEnd, close).includes('\n')
  const indent = indentAt(text, last.offset)
  const property = `${JSON.stringify(key)}: ${sameLine ? formatJsonInline(value) : formatJsonValue(value, layout, indent)}`
  if (sameLine) {
    // `{ "a": 1 }` stays on one line
    const at = trailingComma ? after!.offset + 1 : lastEnd
    return `${text.slice(0, at)}${trailingComma ? ' ' : ', '}${property}${trailingComma ? ',' : ''}${text.slice(at)}`
  }
  // on its own line after the last property (after any comment that ends that line)
  const commaAt = trailingComma ? after!.offset + 1 : lastEnd
  const nl = text.indexOf('\n', commaAt)
  const lineEnd = nl === -1 ? close : text[nl - 1] === '\r' ? nl - 1 : nl
  const insertAt = Math.min(lineEnd, close)
  const head = trailingComma ? text.slice(0, insertAt) : `${text.slice(0, lastEnd)},${text.slice(lastEnd, insertAt)}`
  return `${head}${layout.eol}${indent}${property}${trailingComma ? ',' : ''}${text.slice(insertAt)}`
}

/**
 * Removes a property. One that has its own lines takes those lines with it (and comment lines
 * right above it, which describe it); the comma before it goes too when it was the last one.
 * A property sharing its line with others is cut out with its comma only.
 */
function removeProperty(text: string, prop: Node): string {
  const object = prop.parent!
  const props = object.children ?? []
  const index = props.indexOf(prop)
  const end = prop.offset + prop.length
  const after = nextSignificant(text, end)
  const comma = after?.char === ',' ? after.offset : undefined
  const start = lineStart(text, prop.offset)
  const ownLineStart = /^[ \t]*$/.test(text.slice(start, prop.offset))
  const restFrom = comma !== undefined ? comma + 1 : end
  const nl = text.indexOf('\n', restFrom)
  const rest = text.slice(restFrom, nl === -1 ? text.length : nl)
  const ownLineEnd = nl !== -1 && /^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?\r?$/.test(rest)
  if (!ownLineStart || !ownLineEnd) {
    const edits = modify(text, propPath(prop), undefined, {})
    return applyEdits(text, edits)
  }
  let from = start
  // comment lines directly above belong to the property
  for (;;) {
    const prevEnd = from - 1
    if (prevEnd <= 0) break
    const prevStart = lineStart(text, prevEnd)
    const line = text.slice(prevStart, prevEnd).replace(/\r$/, '')
    if (/^[ \t]*(\/\/.*|\/\*.*\*\/)[ \t]*$/.test(line) && prevStart > object.offset) from = prevStart
    else break
  }
  let result = text.slice(0, from) + text.slice(nl + 1)
  const last = index === props.length - 1
  if (last && comma === undefined && index > 0) {
    const prev = props[index - 1]!
    const prevComma = nextSignificant(result, prev.offset + prev.length)
    if (prevComma?.char === ',') result = result.slice(0, prevComma.offset) + result.slice(prevComma.offset + 1)
  }
  return result
}

function propPath(prop: Node): (string | number)[] {
  const path: (string | number)[] = []
  let node: Node | undefined = prop
  while (node?.parent) {
    if (node.type === 'property') path.unshift(node.children![0]!.value as string)
    else if (node.parent.type === 'array') path.unshift(node.parent.children!.indexOf(node))
    node = node.parent
  }
  return path
}

/**
 * Applies path operations to JSON or JSONC text, changing only the bytes each operation must: a
 * value is replaced where it stands, a new key goes after its last sibling in the siblings' style,
 * a removed key takes its comma with it. Comments, key order, indentation, line endings and every
 * other key stay as they were. Throws an Error when an operation cannot be placed.
 */
export function editJsonText(text: string, ops: readonly PathOp[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : ''
  let body = bom ? text.slice(1) : text
  const layout = detectLayout(body)
  for (const op of ops) {
    if (body.trim() === '') body = `{}${layout.eol}`
    const tree = parse(body)
    if (!tree) throw new Error('the file does not hold a JSON document')
    if (op.kind === 'rename') {
      const node = findNodeAtLocation(tree, op.path)
      const keyNode = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined
      if (!keyNode) throw new Error(`${op.path.join('.')} was not found in the file`)
      body = body.slice(0, keyNode.offset) + JSON.stringify(op.to) + body.slice(keyNode.offset + keyNode.length)
      continue
    }
    if (op.kind === 'delete') {
      const node = findNodeAtLocation(tree, op.path)
      if (!node) continue
      body = node.parent?.type === 'property' ? removeProperty(body, node.parent) : applyEdits(body, modify(body, op.path, undefined, {}))
      continue
    }
    const existing = findNodeAtLocation(tree, op.path)
    if (existing) {
      const indent = indentAt(body, existing.parent?.type === 'property' ? existing.parent.offset : existing.offset)
      body = body.slice(0, existing.offset) + formatJsonValue(op.value, layout, indent) + body.slice(existing.offset + existing.length)
      continue
    }
    // the deepest object on the path that exists takes the rest as one new property
    let depth = op.path.length - 1
    let parent = findNodeAtLocation(tree, op.path.slice(0, depth))
    while (!parent && depth > 0) parent = findNodeAtLocation(tree, op.path.slice(0, --depth))
    if (depth === 0) parent = tree
    if (!parent || parent.type !== 'object') throw new Error(`${op.path.slice(0, depth).join('.') || 'the top of the file'} is not an object`)
    let value = op.value
    for (let i = op.path.length - 1; i > depth; i--) value = { [op.path[i]!]: value }
    body = insertProperty(body, parent, op.path[depth]!, value, layout)
  }
  return bom + body
}

import { parseDocument, Scalar, stringify } from 'yaml'

/**
 * YAML text for new values, in the style of the file they go into: block collections indented
 * by the file's step, sequences indented under their key or not as the file does, scalars on one
 * line and quoted only when they must be (or as the value they replace was quoted). Every scalar
 * is checked to read back as exactly the value it stands for.
 */

/**
 * How a file is written: the step of a nested mapping, whether `- ` items sit under their key,
 * and which quotes it uses for a string that needs them.
 */
export interface YamlStyle {
  unit: number
  seqIndent: boolean
  quote?: typeof Scalar.QUOTE_SINGLE | typeof Scalar.QUOTE_DOUBLE
}

/** Where a scalar is written: a block value or list item, inside `[…]`/`{…}`, or as a key. */
export type ScalarContext = 'block' | 'flow' | 'key'

type ScalarType = Scalar['type']

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value that is written on the key's own line: a scalar, `[]` or `{}`. */
export function isInline(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  if (isObject(value)) return Object.keys(value).length === 0
  return true
}

function render(value: string, type?: ScalarType): string {
  const node = new Scalar(value)
  if (type) node.type = type
  return stringify(node, { lineWidth: 0, minContentWidth: 0 }).replace(/\r?\n$/, '')
}

function readsBack(text: string, value: string, context: ScalarContext): boolean {
  const probes =
    context === 'key'
      ? [`${text}: 0\n`, `{${text}: 0}\n`]
      : context === 'flow'
        ? [`[${text}, 0]\n`, `{k: ${text}}\n`]
        : [`k: ${text}\n`, `- ${text}\n`]
  return probes.every((probe) => {
    const doc = parseDocument(probe)
    if (doc.errors.length > 0) return false
    const js = doc.toJS() as unknown
    if (context === 'key') return isObject(js) && Object.keys(js).length === 1 && Object.keys(js)[0] === value
    if (Array.isArray(js)) return js[0] === value
    return isObject(js) && js.k === value
  })
}

/** A double-quoted YAML string that is also JSON: always valid, always one line. */
function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * A scalar as YAML text on one line. Strings keep `prefer`'s quoting when it can hold them, else
 * stay plain when they can, else take the file's `quote`, YAML's own choice, or double quotes.
 * Throws for values YAML has no scalar for.
 */
export function scalarText(value: unknown, context: ScalarContext, prefer?: ScalarType, quote?: YamlStyle['quote']): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('YAML here cannot hold NaN or infinite numbers')
    return String(value)
  }
  if (typeof value !== 'string') throw new Error(`YAML has no scalar for ${typeof value}`)
  const candidates: string[] = []
  if (prefer === Scalar.QUOTE_DOUBLE || prefer === Scalar.QUOTE_SINGLE) candidates.push(render(value, prefer))
  const own = render(value)
  if (!/^["']/.test(own)) candidates.push(own)
  if (quote) candidates.push(render(value, quote))
  candidates.push(own, render(value, Scalar.QUOTE_DOUBLE))
  for (const text of candidates) if (!/[\r\n]/.test(text) && readsBack(text, value, context)) return text
  return quoted(value)
}

/** A value on one line, inside a flow collection. */
export function flowText(value: unknown, quote?: YamlStyle['quote']): string {
  if (Array.isArray(value)) return `[${value.map((v) => flowText(v, quote)).join(', ')}]`
  if (isObject(value)) {
    const entries = Object.entries(value)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${scalarText(k, 'key', undefined, quote)}: ${flowText(v, quote)}`).join(', ')} }`
  }
  return scalarText(value, 'flow', undefined, quote)
}

/** The text after `key: ` for a value written inline: a scalar, `[]` or `{}`. */
export function inlineText(value: unknown, quote?: YamlStyle['quote']): string {
  return Array.isArray(value) || isObject(value) ? flowText(value, quote) : scalarText(value, 'block', undefined, quote)
}

/** The lines of a non-empty mapping or sequence whose entries start at `column`. */
export function blockLines(value: unknown, column: number, style: YamlStyle): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => itemLines(item, column, style))
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => pairLines(k, v, column, style))
  throw new Error('only a mapping or a list is written as a block')
}

/** `key: value` at `column`, with a collection value on the lines below. */
export function pairLines(key: string, value: unknown, column: number, style: YamlStyle): string[] {
  const head = `${' '.repeat(column)}${scalarText(key, 'key', undefined, style.quote)}:`
  if (isInline(value)) return [`${head} ${inlineText(value, style.quote)}`]
  const child = Array.isArray(value) ? (style.seqIndent ? column + style.unit : column) : column + style.unit
  return [head, ...blockLines(value, child, style)]
}

/** A `- item` at `column` (the dash's); a mapping item's keys line up after the dash. */
export function itemLines(item: unknown, column: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(column)
  if (isInline(item)) return [`${pad}- ${inlineText(item, style.quote)}`]
  if (Array.isArray(item)) return [`${pad}-`, ...blockLines(item, column + 2, style)]
  const lines = blockLines(item, column + 2, style)
  lines[0] = `${pad}- ${lines[0]!.slice(column + 2)}`
  return lines
}

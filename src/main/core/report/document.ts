import type { Severity } from '../../../shared/findings'
import type { ServerStatus } from '../../../shared/report'

/**
 * A report as a small document tree that the Markdown and HTML writers both render, so the two
 * formats say the same things in the same order and evidence is trimmed in one place.
 */

export type Tone = ServerStatus | Severity

/** One piece of running text: words, code, strong words, a link, or a word marked with a status. */
export type Span = string | { code: string } | { strong: string } | { link: string } | { tone: Tone; word: string }
export type Inline = Span[]

export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; text: Inline; tone?: Tone }
  | { kind: 'para'; text: Inline; meta?: boolean; tone?: Tone }
  | { kind: 'list'; items: Inline[] }
  | { kind: 'table'; head: string[]; rows: Inline[][]; evidence?: boolean }
  /** `evidence` blocks are what trimming shortens: a program's output, the tail kept unless `head` */
  | { kind: 'code'; text: string; lang?: string; evidence?: boolean; head?: boolean }
  | { kind: 'details'; summary: string; blocks: Block[]; evidence?: boolean }

/** How much evidence to keep: lines per evidence block and rows per evidence table (0: none). */
export interface Detail {
  lines: number
  rows: number
}

export const FULL: Detail = { lines: Number.POSITIVE_INFINITY, rows: Number.POSITIVE_INFINITY }

/**
 * Engine text as spans: backticked parts become code, the rest stays words (the writers escape
 * them for their format).
 */
export function prose(text: string): Inline {
  return text.split(/(`[^`\n]+`)/g).map((part, i) => (i % 2 === 1 ? { code: part.slice(1, -1) } : part)).filter((s) => s !== '')
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * The document with evidence cut down to `detail`: evidence code keeps its last (or first) lines
 * and says how many were left out, evidence tables keep their first rows, and at zero an evidence
 * block is replaced by a note. Findings, facts and fixes are never touched.
 */
export function trimDocument(blocks: readonly Block[], detail: Detail): Block[] {
  const out: Block[] = []
  for (const block of blocks) {
    if (block.kind === 'details') {
      if (block.evidence && detail.lines === 0) continue
      out.push({ ...block, blocks: trimDocument(block.blocks, detail) })
    } else if (block.kind === 'code' && block.evidence) {
      const lines = block.text.split('\n')
      if (lines.length <= detail.lines) out.push(block)
      else if (detail.lines === 0) out.push({ kind: 'para', meta: true, text: [`(${plural(lines.length, 'line')} of output left out to keep the report short; the JSON report has them)`] })
      else {
        const left = lines.length - detail.lines
        const note = `… ${plural(left, 'line')} left out …`
        const kept = block.head ? [...lines.slice(0, detail.lines), note] : [note, ...lines.slice(-detail.lines)]
        out.push({ ...block, text: kept.join('\n') })
      }
    } else if (block.kind === 'table' && block.evidence && block.rows.length > detail.rows) {
      const left = block.rows.length - detail.rows
      if (detail.rows > 0) out.push({ ...block, rows: block.rows.slice(0, detail.rows) })
      out.push({ kind: 'para', meta: true, text: [`(${plural(left, 'more row')} left out to keep the report short)`] })
    } else out.push(block)
  }
  return out
}

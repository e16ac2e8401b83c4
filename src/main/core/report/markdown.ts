import { shortenHome } from '../../../shared/present'
import type { Report } from '../../../shared/report'
import { isAllowedLink } from '../../../shared/runtimes'
import { FULL, trimDocument, type Block, type Detail, type Inline, type Tone } from './document'
import { reportOutline } from './outline'

/** GitHub refuses an issue body longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536

/**
 * What a Markdown report may use by default: below GitHub's limit with room for the user's own
 * words above it.
 */
export const MARKDOWN_BUDGET = 60_000

/** Evidence levels tried in turn until the report fits; findings and fixes are never cut. */
const LEVELS: readonly Detail[] = [FULL, { lines: 40, rows: 20 }, { lines: 15, rows: 10 }, { lines: 5, rows: 4 }, { lines: 0, rows: 0 }]

const MARK: Record<Tone, string> = { ok: '✅', warning: '⚠️', error: '❌', skipped: '⏭️', info: 'ℹ️' }

/** A fenced code block whose fence is longer than any backtick run inside. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const f = '`'.repeat(longest + 1)
  return `${f}${lang}\n${text}\n${f}`
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ')
  if (!flat.includes('`')) return `\`${flat}\``
  const longest = Math.max(...[...flat.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(longest + 1)
  return `${ticks} ${flat} ${ticks}`
}

/** Words as Markdown: what GitHub would read as HTML, emphasis, links or strikethrough is escaped. */
function words(text: string): string {
  return text.replace(/[\\<>*_[\]`~|]/g, (c) => `\\${c}`)
}

/** Spans as Markdown; in a table cell a `|` inside code must be escaped too, or it ends the cell. */
function inline(spans: Inline, cell = false): string {
  const c = (text: string): string => (cell ? code(text).replace(/\|/g, '\\|') : code(text))
  return spans
    .map((s) => {
      if (typeof s === 'string') return words(s)
      if ('code' in s) return c(s.code)
      if ('strong' in s) return `**${words(s.strong)}**`
      if ('tone' in s) return `${MARK[s.tone]} ${words(s.word)}`
      return isAllowedLink(s.link) ? `<${s.link}>` : c(s.link)
    })
    .join('')
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
}

function render(blocks: readonly Block[]): string[] {
  const out: string[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${b.tone ? `${MARK[b.tone]} ` : ''}${inline(b.text)}`, '')
        break
      case 'para':
        out.push(`${b.tone ? `${MARK[b.tone]} ` : ''}${b.meta ? `<sub>${inline(b.text)}</sub>` : inline(b.text)}`, '')
        break
      case 'list':
        out.push(...b.items.map((item) => `- ${inline(item).replace(/\r?\n/g, ' ')}`), '')
        break
      case 'table': {
        const row = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\r?\n/g, ' ')).join(' | ')} |`
        out.push(row(b.head.map(words)), `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => row(r.map((cell) => inline(cell, true)))), '')
        break
      }
      case 'code':
        out.push(fence(b.text, b.lang), '')
        break
      case 'details':
        out.push(`<details><summary>${escapeHtml(b.summary)}</summary>`, '', ...render(b.blocks), '</details>', '')
        break
    }
  }
  return out
}

export interface MarkdownOptions {
  /** the home folder, shown as `~` (exports are anonymized before; the CLI passes it too) */
  home?: string
  /** the longest the text may be, in characters (default {@link MARKDOWN_BUDGET}) */
  limit?: number
}

/**
 * The report as Markdown that reads well pasted into a GitHub issue: a summary table, a section
 * per server with a problem, evidence in collapsed `<details>` blocks. When the text would be
 * longer than `limit`, evidence is shortened step by step (never a finding or a fix) and
 * `trimmed` says so. Input is the already redacted report model.
 */
export function markdownReport(report: Report, options: MarkdownOptions = {}): { text: string; trimmed: boolean } {
  const limit = options.limit ?? MARKDOWN_BUDGET
  const outline = reportOutline(report)
  let text = ''
  for (const [i, detail] of LEVELS.entries()) {
    const trimmed = i > 0
    const blocks = trimmed ? withTrimNote(trimDocument(outline, detail)) : outline
    text = finish(blocks, options.home)
    if (text.length <= limit) return { text, trimmed }
  }
  return { text, trimmed: true }
}

/** The Markdown text alone (see {@link markdownReport}). */
export function reportToMarkdown(report: Report, home?: string): string {
  return markdownReport(report, { home }).text
}

function withTrimNote(blocks: Block[]): Block[] {
  const note: Block = { kind: 'para', meta: true, text: ['Evidence was shortened to fit a GitHub issue; the JSON report has all of it.'] }
  return [...blocks.slice(0, 3), note, ...blocks.slice(3)]
}

function finish(blocks: readonly Block[], home: string | undefined): string {
  const footer: Block = { kind: 'para', meta: true, text: ['Secrets (env and header values, tokens in args, URLs and output) were replaced before this report was written.'] }
  // Paths inside finding texts and commands name the user too.
  return shortenHome(`${render([...blocks, footer]).join('\n').replace(/\n{3,}/g, '\n\n')}`, home)
}

/**
 * A small line diff for edit previews: what a fix or a saved entry changes in its file, as a
 * unified diff a person reads before saying yes. Edits touch a few lines of a file that may be
 * large (`~/.claude.json`), so the common head and tail are set aside first and only the changed
 * middle is compared line by line (longest common subsequence). Secrets are masked by the caller
 * (fix/mask.ts) before anything is shown.
 */

export interface DiffOptions {
  /** the file's name in the `---` / `+++` header */
  path?: string
  /** unchanged lines shown around each change (3, as `diff -u` does) */
  context?: number
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number }

/** Above this many line pairs in the changed middle, it is shown as replaced whole rather than compared. */
const MAX_PAIRS = 4_000_000

/**
 * The unified diff turning `before` into `after`, or an empty string when they are the same.
 * A missing final newline is marked the way `diff -u` marks it.
 */
export function unifiedDiff(before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return ''
  const a = splitLines(before)
  const b = splitLines(after)
  const ops = lineOps(a, b)
  const context = options.context ?? 3
  const name = options.path ?? 'file'
  const out = [`--- ${name}`, `+++ ${name}`]
  for (const hunk of hunks(ops, context)) {
    const first = hunk[0]!
    const aCount = hunk.filter((o) => o.kind !== '+').length
    const bCount = hunk.filter((o) => o.kind !== '-').length
    const aStart = aCount === 0 ? first.a : first.a + 1
    const bStart = bCount === 0 ? first.b : first.b + 1
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`)
    for (const op of hunk) {
      out.push(`${op.kind}${op.text.replace(/\r$/, '')}`)
      const lastOfSide = (op.kind !== '+' && op.a === a.lines.length - 1 && !a.finalNewline) || (op.kind !== '-' && op.b === b.lines.length - 1 && !b.finalNewline)
      if (lastOfSide) out.push('\\ No newline at end of file')
    }
  }
  return `${out.join('\n')}\n`
}

interface Lines {
  lines: string[]
  finalNewline: boolean
}

function splitLines(text: string): Lines {
  if (text === '') return { lines: [], finalNewline: true }
  const finalNewline = text.endsWith('\n')
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n')
  return { lines, finalNewline }
}

/** Every line of both sides in order, marked kept, removed or added, with its index on each side. */
function lineOps(left: Lines, right: Lines): Op[] {
  const a = left.lines
  const b = right.lines
  // a last line that only gains or loses its newline is a changed line
  const key = (side: Lines, i: number): string => (i === side.lines.length - 1 && !side.finalNewline ? `${side.lines[i]}\0` : side.lines[i]!)
  const keysA = a.map((_, i) => key(left, i))
  const keysB = b.map((_, j) => key(right, j))
  const same = (i: number, j: number): boolean => keysA[i] === keysB[j]
  let head = 0
  while (head < a.length && head < b.length && same(head, head)) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && same(a.length - 1 - tail, b.length - 1 - tail)) tail++
  const ops: Op[] = []
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', text: a[i]!, a: i, b: i })
  ops.push(...middle(a, b, head, a.length - tail, head, b.length - tail, same))
  for (let k = tail; k > 0; k--) ops.push({ kind: ' ', text: a[a.length - k]!, a: a.length - k, b: b.length - k })
  return ops
}

/** The changed middle, compared by longest common subsequence (or replaced whole when huge). */
function middle(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, same: (i: number, j: number) => boolean): Op[] {
  const n = a1 - a0
  const m = b1 - b0
  const ops: Op[] = []
  if (n * m > MAX_PAIRS || n === 0 || m === 0) {
    for (let i = a0; i < a1; i++) ops.push({ kind: '-', text: a[i]!, a: i, b: b0 })
    for (let j = b0; j < b1; j++) ops.push({ kind: '+', text: b[j]!, a: a1, b: j })
    return ops
  }
  // lengths[i][j]: the longest common subsequence of a[a0+i..] and b[b0+j..]
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = same(a0 + i, b0 + j) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && same(a0 + i, b0 + j)) {
      ops.push({ kind: ' ', text: a[a0 + i]!, a: a0 + i, b: b0 + j })
      i++
      j++
    } else if (j < m && (i === n || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      ops.push({ kind: '+', text: b[b0 + j]!, a: a0 + i, b: b0 + j })
      j++
    } else {
      ops.push({ kind: '-', text: a[a0 + i]!, a: a0 + i, b: b0 + j })
      i++
    }
  }
  // removals before additions in each run of changes, as diff -u prints them
  return reorderRuns(ops)
}

function reorderRuns(ops: Op[]): Op[] {
  const out: Op[] = []
  let run: Op[] = []
  const flush = (): void => {
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'))
    run = []
  }
  for (const op of ops) {
    if (op.kind === ' ') {
      flush()
      out.push(op)
    } else run.push(op)
  }
  flush()
  return out
}

/** Groups the changes with `context` kept lines around them; changes closer than twice that share a hunk. */
function hunks(ops: Op[], context: number): Op[][] {
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0)
  const out: Op[][] = []
  let start = -1
  let end = -1
  for (const index of changed) {
    const from = Math.max(0, index - context)
    const to = Math.min(ops.length - 1, index + context)
    if (start === -1) {
      start = from
      end = to
    } else if (from <= end + 1) {
      end = to
    } else {
      out.push(ops.slice(start, end + 1))
      start = from
      end = to
    }
  }
  if (start !== -1) out.push(ops.slice(start, end + 1))
  return out
}

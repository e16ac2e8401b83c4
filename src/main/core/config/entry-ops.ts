import type { EditOp } from '../../../shared/edit'
import type { ServerEntry } from '../clients/types'
import type { DialectSpec } from '../clients/normalize'
import type { EngineContext } from '../context'
import { shellWords } from '../fix/shell-words'
import { EditRefused } from './errors'

/** The edit operations fix actions use that rewrite an entry from what it holds (no values carried in). */
export type RelativeOp = Extract<EditOp, { op: 'split-command' | 'wrap-command' | 'split-arg' | 'set-arg' | 'rename-field' }>

/** An entry rewritten: the new entry, in words, and for a renamed field the rename (which keeps its place). */
export interface RelativeEdit {
  next: Record<string, unknown>
  summary: string
  rename?: { from: string; to: string }
}

/**
 * The entry after one of the relative operations: they name no secret value (a fix action that
 * carries them is shown to the renderer), they say how to rewrite what the entry already holds.
 * Throws {@link EditRefused} when the entry does not hold what the operation rewrites.
 */
export function applyRelativeOp(ctx: Pick<EngineContext, 'platform'>, entry: ServerEntry, raw: Record<string, unknown>, op: RelativeOp, dialect: DialectSpec): RelativeEdit {
  const commandKey = dialect.commandKey ?? 'command'
  const argsKey = dialect.argsKey ?? 'args'
  const command = raw[commandKey]
  const args = readArgs(raw[argsKey])
  const name = entry.name
  switch (op.op) {
    case 'split-command': {
      if (typeof command !== 'string') throw new EditRefused(`"${name}" has no command to split.`)
      const split = shellWords(command, ctx.platform)
      if (!split.ok) throw new EditRefused(`The command of "${name}" cannot be split into words without a shell: ${split.reason}.`)
      const [program, ...rest] = split.words
      if (split.words.length === 1 && program === command) throw new EditRefused(`The command of "${name}" is already a single word.`)
      return { next: { ...raw, [commandKey]: program, [argsKey]: [...rest, ...args] }, summary: `split the command line of "${name}" into command and arguments` }
    }
    case 'wrap-command': {
      if (typeof command !== 'string' || command.trim() === '') throw new EditRefused(`"${name}" has no command to wrap.`)
      if (command === op.command && op.prefix.every((p, i) => args[i] === p)) throw new EditRefused(`"${name}" already starts through ${op.command}.`)
      return { next: { ...raw, [commandKey]: op.command, [argsKey]: [...op.prefix, command, ...args] }, summary: `start "${name}" through ${[op.command, ...op.prefix].join(' ')}` }
    }
    case 'split-arg': {
      const arg = args[op.index]
      if (arg === undefined) throw new EditRefused(`"${name}" has no argument ${op.index + 1}.`)
      const split = shellWords(arg, ctx.platform)
      if (!split.ok) throw new EditRefused(`Argument ${op.index + 1} of "${name}" cannot be split without a shell: ${split.reason}.`)
      if (split.words.length === 1 && split.words[0] === arg) throw new EditRefused(`Argument ${op.index + 1} of "${name}" is already a single word.`)
      const next = [...args.slice(0, op.index), ...split.words, ...args.slice(op.index + 1)]
      return { next: { ...raw, [argsKey]: next }, summary: `split argument ${op.index + 1} of "${name}" into ${split.words.length} word${split.words.length === 1 ? '' : 's'}` }
    }
    case 'set-arg': {
      if (args[op.index] === undefined) throw new EditRefused(`"${name}" has no argument ${op.index + 1}.`)
      const next = args.map((a, i) => (i === op.index ? op.value : a))
      return { next: { ...raw, [argsKey]: next }, summary: `set argument ${op.index + 1} of "${name}"` }
    }
    case 'rename-field': {
      if (!Object.hasOwn(raw, op.from)) throw new EditRefused(`"${name}" has no field "${op.from}".`)
      if (Object.hasOwn(raw, op.to)) throw new EditRefused(`"${name}" already has a field "${op.to}"; remove one of the two by hand.`)
      // the renamed field keeps its place among the others
      const next = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k === op.from ? op.to : k, v]))
      return { next, summary: `rename the field "${op.from}" of "${name}" to "${op.to}"`, rename: { from: op.from, to: op.to } }
    }
  }
}

/** An `args` value as the client reads it: one string is one argument. */
function readArgs(value: unknown): string[] {
  if (value === undefined) return []
  if (typeof value === 'string') return [value]
  // rewriting a list with something else in it would drop that: leave it to the user
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new EditRefused('The arguments are not a list of strings; correct them by hand first.')
  return value as string[]
}

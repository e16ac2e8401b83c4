import { AppError } from '../../../shared/contract'
import type { EditOp } from '../../../shared/edit'
import type { FixAction } from '../../../shared/fix-action'
import type { Discovery } from '../clients/types'
import type { EngineContext } from '../context'

/** What resolving an action's value needs: the servers as discovered now, and the login shell read now. */
export interface ValueDeps {
  discover: (ctx: EngineContext, options: { projects?: string[] }) => Promise<Discovery>
  /** `fresh`: read the shell again now (applying a copy), else the diagnosis' read may do */
  loginShellEnv: (ctx: EngineContext, fresh: boolean) => Promise<Readonly<Record<string, string | undefined>> | undefined>
}

/** Stands in for a value the user has not typed yet, in a preview (it is masked like any value). */
export const NOT_TYPED = 'value-not-typed-yet'

export interface ResolvedOp {
  op: EditOp
  /** the value filled in, for masking wherever the edit is shown */
  value?: string
  /** where it came from, in words for the summary */
  words: string
}

/**
 * The edit operation of an action with its value filled in from the action's value source:
 * typed by the user (`input`, the only source that accepts the request's `input`), the login
 * shell's variable, or another discovered entry's value, each read now. Throws `AppError`:
 * `invalid-request` for input where none is allowed or a missing typed value, `not-found` for
 * a source whose value is gone.
 */
export async function resolveOp(ctx: EngineContext, action: Extract<FixAction, { kind: 'edit' }>, input: string | undefined, deps: ValueDeps, options: { projects?: string[]; preview?: boolean }): Promise<ResolvedOp> {
  const source = action.value
  const op = action.edit.op
  if (source?.from !== 'input' && input !== undefined) throw new AppError('invalid-request', `"${action.label}" takes no typed value: MCP Medic decides what it writes.`)
  if (!source) return { op, words: '' }
  if (op.op !== 'set-env' && op.op !== 'set-header') throw new AppError('internal', `Action ${action.id} has a value source but no value to fill in.`)
  const fill = (value: string, words: string): ResolvedOp => ({ op: { ...op, value }, value, words })
  switch (source.from) {
    case 'input': {
      if (input === undefined || input === '') {
        if (options.preview) return fill(NOT_TYPED, ' (the value you type)')
        throw new AppError('invalid-request', `Type the value of ${op.key} first.`)
      }
      if (input.includes('\0')) throw new AppError('invalid-request', `The value of ${op.key} contains a NUL character, which no config file can hold.`)
      return fill(input, ' (the value you typed)')
    }
    case 'login-shell': {
      const env = await deps.loginShellEnv(ctx, !options.preview)
      const value = env?.[source.name]
      if (env === undefined) throw new AppError('unavailable', `Your login shell could not be read just now, so ${source.name} cannot be copied from it. Type the value instead.`)
      if (value === undefined || value === '') throw new AppError('not-found', `${source.name} is no longer set in your login shell (read again just now). Type the value instead, or set it in your shell profile and re-run the diagnosis.`)
      return fill(value, ` (value copied from ${source.name} in your login shell)`)
    }
    case 'server': {
      const discovery = await deps.discover(ctx, { projects: options.projects })
      const peer = discovery.servers.find((s) => s.id === source.serverId)
      const value = (op.op === 'set-env' ? peer?.env : peer?.headers)?.[source.name]
      if (!peer) throw new AppError('not-found', `${source.label} is no longer configured, so ${source.name} cannot be copied from it.`)
      if (value === undefined || value === '') throw new AppError('not-found', `${source.label} no longer sets ${source.name}. Type the value instead.`)
      return fill(value, ` (value copied from ${source.label})`)
    }
  }
}

import type { EditOp } from '../../../shared/edit'
import type { Finding } from '../../../shared/findings'
import type { FixAction, ValueSource } from '../../../shared/fix-action'
import { jsonPathJoin } from '../clients/normalize'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { planEntryEdit } from '../config/plan'

/** What the planner knows besides a server's findings. It reads nothing and starts nothing. */
export interface PlanContext {
  ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>
  /** the server the findings are about */
  entry: ServerEntry
  /** the login shell's environment, when it was read (only which names are set is used) */
  loginShellEnv?: Readonly<Record<string, string | undefined>>
  /** every discovered entry, to find another client's entry for the same server */
  peers?: readonly ServerEntry[]
}

/** The actions one finding gets, best first (the first becomes `fix.action`). */
export type ActionsFor = (finding: Finding, plan: PlanContext) => FixAction[]

/** An edit of this server, if its client can express it (the edit planner is asked, nothing is read). */
export function editAction(plan: PlanContext, id: string, label: string, op: EditOp, value?: ValueSource): FixAction[] {
  const entry = plan.entry
  if (entry.location?.readOnly) return []
  if (op.op !== 'approve') {
    try {
      planEntryEdit(plan.ctx as EngineContext, entry, op)
    } catch {
      return []
    }
  }
  return [{ id, label, kind: 'edit', edit: { serverId: entry.id, op }, ...(value ? { value } : {}) }]
}

/** The JSON path the config rules give a field of this entry (`mcpServers.github.env`). */
export function fieldPath(entry: ServerEntry, field: string): string {
  const base = (entry.location?.container ?? ['mcpServers']).reduce((acc, key) => jsonPathJoin(acc, key), '')
  return jsonPathJoin(jsonPathJoin(base, entry.name), field)
}

/** Which key of a map field (`env`, `headers`) a finding's JSON path points at, if any. */
export function mapKeyAt(entry: ServerEntry, jsonPath: unknown, field: 'env' | 'headers', keys: Iterable<string>): string | undefined {
  if (typeof jsonPath !== 'string') return undefined
  const fields = field === 'env' ? ['env', 'envs', 'env_vars'] : ['headers', 'http_headers', 'requestOptions.headers']
  for (const key of keys) {
    for (const f of fields) if (jsonPathJoin(fieldPath(entry, f), key) === jsonPath) return key
  }
  return undefined
}

/** The argument index a finding's JSON path points at (`….args[2]`), if any. */
export function argIndexAt(entry: ServerEntry, jsonPath: unknown): number | undefined {
  if (typeof jsonPath !== 'string') return undefined
  const match = /\[(\d+)\]$/.exec(jsonPath)
  if (!match || !jsonPath.startsWith(`${fieldPath(entry, 'args')}[`)) return undefined
  return Number(match[1])
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

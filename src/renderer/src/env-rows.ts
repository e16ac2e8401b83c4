import type { Finding } from '../../shared/findings'
import type { ServerReport } from '../../shared/report'

/** How one variable stands: set (value hidden), empty, a placeholder, an unexpanded reference, not passed at all, or only in the login shell. */
export type EnvState = 'set' | 'empty' | 'placeholder' | 'unexpanded' | 'missing' | 'shell-only'

export interface EnvRow {
  key: string
  state: EnvState
  /** the entry sets it (so its value can be revealed) */
  inEntry: boolean
  finding?: Finding
}

const FROM_DISPLAY = { '<redacted>': 'set', '<empty>': 'empty', '<placeholder>': 'placeholder' } as const

/** The variable a finding's JSON path points at: `mcpServers.x.env.KEY`, `env["KEY"]`. */
export function envKeyOf(jsonPath: unknown): string | undefined {
  if (typeof jsonPath !== 'string') return undefined
  const match = /(?:^|\.)env(?:\.([^.[\]"]+)|\["([^"]+)"\])$/.exec(jsonPath)
  return match ? (match[1] ?? match[2]) : undefined
}

/** The names a finding says are needed: `variables`, `names` or `variable` in its evidence. */
function namedVariables(f: Finding): string[] {
  const e = f.evidence ?? {}
  const list = [e.variables, e.names, e.variable, e.name].flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]))
  return list.filter((v): v is string => typeof v === 'string' && v.length > 0)
}

/**
 * Every variable worth a row in step 5: those the entry sets (as set, empty or placeholder), and
 * those findings name, with the state the worst finding gives them. Values never appear here.
 */
export function envRows(server: ServerReport): EnvRow[] {
  const rows = new Map<string, EnvRow>()
  for (const [key, shown] of Object.entries(server.env ?? {})) rows.set(key, { key, state: FROM_DISPLAY[shown], inEntry: true })
  for (const f of server.findings) {
    if (f.code === 'env-unexpanded' || f.code === 'env-placeholder') {
      const key = envKeyOf(f.evidence?.jsonPath)
      const row = key ? rows.get(key) : undefined
      if (row) rows.set(row.key, { ...row, state: f.code === 'env-unexpanded' ? 'unexpanded' : row.state, finding: f })
    }
    if (f.code === 'env-missing') {
      const shellOnly = f.evidence?.inLoginShell === true || /terminal|login shell/i.test(f.title)
      for (const key of namedVariables(f)) {
        const row = rows.get(key)
        rows.set(key, { key, state: shellOnly ? 'shell-only' : row && row.state !== 'set' ? row.state : 'missing', inEntry: row?.inEntry ?? false, finding: f })
      }
    }
  }
  return [...rows.values()]
}

export const ENV_STATE_LABELS: Record<EnvState, string> = {
  set: 'set (hidden)',
  empty: 'empty',
  placeholder: 'placeholder',
  unexpanded: 'not expanded',
  missing: 'not passed',
  'shell-only': 'only in your shell'
}

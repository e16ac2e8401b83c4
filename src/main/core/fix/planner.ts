import type { Finding } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import type { ConfigReport, ServerReport } from '../../../shared/report'
import { commandActions } from './command-actions'
import { envActions } from './env-actions'
import { entryActions, fallbackActions } from './other-actions'
import type { PlanContext } from './types'

export type { PlanContext } from './types'

/**
 * Puts on each of a server's findings the actions the engine can carry out for it
 * (`fix.action`, the best one, and `fix.alternatives`), from the finding's code and evidence,
 * the entry and what the run knows (the login shell's variable names, the other entries). Pure:
 * it reads no file and starts nothing; an edit is offered only where the entry's client can
 * express it. Actions are looked up again by id when the user picks one.
 */
export function planFixes(report: ServerReport, plan: PlanContext): ServerReport {
  const used = new Set<string>()
  return { ...report, findings: report.findings.map((f) => withActions(f, actionsFor(f, plan), used)) }
}

/**
 * The same for the findings of the whole report: a file whose servers sit under another client's
 * key gets the rename of that key (unless the file is read-only).
 */
export function planReportFixes(findings: readonly Finding[], configs: readonly ConfigReport[]): Finding[] {
  const used = new Set<string>()
  return findings.map((f) => {
    if (f.code !== 'config-wrong-key') return withActions(f, fallbackActions(f), used)
    const { path, key, expected } = f.evidence ?? {}
    const config = configs.find((c) => c.path === path)
    if (typeof path !== 'string' || typeof key !== 'string' || typeof expected !== 'string' || !config || config.readOnly) return f
    const action: FixAction = { id: `config-wrong-key:rename-key:${key}`, label: `Rename "${key}" to "${expected}"`, kind: 'edit', edit: { configPath: path, op: { op: 'rename-key', from: key, to: expected } } }
    return withActions(f, [action], used)
  })
}

function actionsFor(finding: Finding, plan: PlanContext): FixAction[] {
  return [...envActions(finding, plan), ...commandActions(finding, plan), ...entryActions(finding, plan), ...fallbackActions(finding)]
}

/** The finding with its actions (ids made unique within the report), or as it was when it has none. */
function withActions(finding: Finding, planned: FixAction[], used: Set<string>): Finding {
  // an action a rule set itself stays first
  const given = actionsOf([finding])
  const actions = [...given, ...planned.filter((a) => !given.some((g) => g.id === a.id))]
  if (actions.length === 0) return finding
  const unique = actions.map((a) => {
    let id = a.id
    for (let n = 2; used.has(id); n++) id = `${a.id}#${n}`
    used.add(id)
    return id === a.id ? a : { ...a, id }
  })
  const [action, ...alternatives] = unique
  return { ...finding, fix: { summary: finding.fix?.summary ?? action!.label, ...finding.fix, action, ...(alternatives.length > 0 ? { alternatives } : {}) } }
}

/** Every action on a server's findings (and their alternatives), for lookup by id. */
export function actionsOf(findings: readonly Finding[]): FixAction[] {
  return findings.flatMap((f) => [...(f.fix?.action ? [f.fix.action] : []), ...(f.fix?.alternatives ?? [])])
}

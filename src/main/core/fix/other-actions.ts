import type { Finding } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import { CLIENT_NAMES, type Transport } from '../../../shared/report'
import { INSTALL } from '../../../shared/runtimes'
import { editAction, strings, type PlanContext } from './types'

const TRANSPORT_WORDS: Record<Transport, string> = { stdio: 'a local command', http: 'Streamable HTTP', sse: 'SSE' }

/**
 * The other one-click fixes: turn a server on, approve a Claude Code project server, switch the
 * transport to the one that answered, rename a field written in another client's spelling, give
 * a file the execute permission.
 */
export function entryActions(finding: Finding, plan: PlanContext): FixAction[] {
  const entry = plan.entry
  const evidence = finding.evidence ?? {}
  const code = finding.code
  switch (code) {
    case 'server-disabled': {
      // a Claude Code user-scope server stays on elsewhere and is turned off project by project
      const projects = entry.project === undefined && entry.client === 'claude-code' ? strings(evidence.projects) : []
      if (projects.length > 0) return projects.flatMap((project, i) => editAction(plan, `${code}:enable:${i + 1}`, `Turn "${entry.name}" on in ${project}`, { op: 'enable', project }))
      if (entry.effective?.state !== 'disabled') return []
      return editAction(plan, `${code}:enable`, `Turn "${entry.name}" on in ${CLIENT_NAMES[entry.client]}`, { op: 'enable' })
    }
    case 'project-server-unapproved':
      if (entry.client !== 'claude-code' || entry.scope !== 'project') return []
      return editAction(plan, `${code}:approve`, `Approve "${entry.name}" for Claude Code`, { op: 'approve' })
    case 'transport-mismatch': {
      const working = evidence.working
      if (working !== 'http' && working !== 'sse') return []
      return editAction(plan, `${code}:set-transport:${working}`, `Make it a ${TRANSPORT_WORDS[working]} server`, { op: 'set-transport', transport: working })
    }
    case 'config-invalid-entry': {
      // the schema rules say "Rename "serverUrl" to "url"." for a field in another client's spelling
      const rename = /^Rename "([^"]+)" to "([^".]+)"\.$/.exec(finding.fix?.summary ?? '')
      if (!rename) return []
      return editAction(plan, `${code}:rename-field:${rename[1]}`, `Rename "${rename[1]}" to "${rename[2]}"`, { op: 'rename-field', from: rename[1]!, to: rename[2]! })
    }
    case 'auth-required':
      // a server that takes a token in a header (the OAuth sign-in happens in the client itself)
      if (entry.transport === 'stdio') return []
      return editAction(plan, `${code}:set-header:Authorization:input`, 'Send a token in the Authorization header…', { op: 'set-header', key: 'Authorization', value: '' }, { from: 'input', secret: true, label: 'Authorization header', placeholder: 'Bearer …' })
    case 'not-executable': {
      // the rule offers `chmod +x` only when the missing permission is all that is wrong
      const file = evidence.path
      if (typeof file !== 'string' || !finding.fix?.command?.startsWith('chmod +x ')) return []
      return [{ id: `${code}:chmod`, label: `Give ${file} the execute permission`, kind: 'chmod', path: file }]
    }
    default:
      return []
  }
}

/** Every official page the install facts know: an open-url action goes only to one of these. */
const OFFICIAL = new Set(Object.values(INSTALL).flatMap((info) => Object.values(info.url)))

/**
 * What is left when the engine cannot change anything itself: the official installer page the
 * rule named, and the command it gave to copy.
 */
export function fallbackActions(finding: Finding): FixAction[] {
  const out: FixAction[] = []
  const fix = finding.fix
  if (fix?.url && OFFICIAL.has(fix.url)) out.push({ id: `${finding.code}:open-url`, label: `Open the official download page (${new URL(fix.url).host})`, kind: 'open-url', url: fix.url })
  if (fix?.command) out.push({ id: `${finding.code}:copy`, label: 'Copy the command', kind: 'copy', text: fix.command })
  return out
}

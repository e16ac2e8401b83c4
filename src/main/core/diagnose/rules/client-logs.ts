import { finding, type Finding } from '../../../../shared/findings'
import type { LogLine } from '../../../../shared/logs'
import { reloadInstructions } from '../../../../shared/reload'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ServerEntry } from '../../clients/types'
import type { ClientLogFacts } from '../../logs/facts'

/**
 * How long a failure in the client's own log counts as current. The rule looks only at the latest
 * connection attempt the client logged for this server (so a server that failed yesterday and
 * connected since is fine), and only when that attempt is less than a day old: an older one says
 * little about the config as it is now.
 */
export const RECENT_MS = 24 * 60 * 60 * 1000

/**
 * `client-log-errors` (step 6): the client's own log says its latest attempt to connect to this
 * server failed, recently. A warning, never an error: the probe decides whether the server works
 * now, and a log line corroborates or contradicts it. When the config file changed after that
 * attempt, the failure may already be fixed, and the finding only says so (info).
 */
export function clientLogFindings(entry: ServerEntry, facts: ClientLogFacts): Finding[] {
  const latest = facts.latest
  if (!latest || latest.outcome !== 'failed') return []
  const age = Date.parse(facts.checkedAt) - Date.parse(latest.at)
  if (!(age <= RECENT_MS)) return []
  const client = CLIENT_NAMES[entry.client]
  const when = ago(age)
  const fixedSince = facts.configChangedAt !== undefined && facts.configChangedAt > latest.at
  const cause = latest.cause && latest.cause.text !== latest.line.text ? latest.cause : undefined
  const named = cause?.recognised ?? latest.line.recognised
  const reload = reloadInstructions(entry.client)
  const lines = [cause, latest.line].filter((l): l is LogLine => l !== undefined)
  const detail = [
    `${client}'s log says its last attempt to start "${entry.name}" failed ${when}${named ? ` (${named.title.toLowerCase()})` : ''}:`,
    ...lines.map((l) => `  ${l.text.split('\n').slice(0, 6).join('\n  ')}`),
    `From ${latest.file}, line ${latest.line.n}.`,
    fixedSince
      ? `The config file changed after that (${facts.configChangedAt}), so this may already be fixed: ${client} has not tried the new config yet.`
      : `The steps before this one show what MCP Medic found when it started the server itself.`
  ].join('\n')
  return [
    finding(
      'client-log-errors',
      fixedSince ? 'info' : 'warning',
      fixedSince ? `${client} last failed to start this server ${when}, before the config changed` : `${client} failed to start this server ${when}`,
      detail,
      {
        evidence: {
          file: latest.file,
          line: latest.line.n,
          at: latest.at,
          text: latest.line.text,
          ...(cause ? { cause: cause.text } : {}),
          ...(named ? { points: named.code } : {}),
          ...(facts.configChangedAt ? { configChangedAt: facts.configChangedAt } : {})
        },
        fix: { summary: `${fixedSince ? 'Make the client try the new config' : 'After fixing the cause, make the client try again'}: ${reload.summary}` }
      }
    )
  ]
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000))
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const hours = Math.round(minutes / 60)
  return `${hours} hour${hours === 1 ? '' : 's'} ago`
}

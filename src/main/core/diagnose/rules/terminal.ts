import { finding, type Finding } from '../../../../shared/findings'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ServerEntry } from '../../clients/types'
import type { StdioEvidence } from '../../probe/stdio'
import type { TerminalRun } from '../../probe/terminal'
import { escapeRegExp } from '../text'

const LIST_MAX = 8

/**
 * Rules for the terminal re-run: when the client's way fails and the terminal's way works, the
 * difference between the two is the lead. `terminalCause`: a variable the server names on stderr
 * that only the terminal has is `env-missing`. `withTerminalComparison`: the first error finding
 * gets the comparison appended, so the user sees "works in your terminal, because …" next to the
 * failure. Never start anything.
 */
export function terminalCause(entry: ServerEntry, client: StdioEvidence, run: TerminalRun | undefined): Finding | undefined {
  if (!run || client.outcome === 'ok' || run.evidence.outcome !== 'ok') return undefined
  const named = run.diff.envOnlyInTerminal.filter((key) => key.length >= 3 && new RegExp(`\\b${escapeRegExp(key)}\\b`).test(client.stderrTail))
  if (named.length === 0) return undefined
  return finding(
    'env-missing',
    'error',
    `${named.join(', ')} ${named.length === 1 ? 'is' : 'are'} set in your terminal but not passed to the server`,
    `The server stops because of ${named.join(', ')} (it says so on stderr), and ${CLIENT_NAMES[entry.client]} does not pass ${named.length === 1 ? 'that variable' : 'those variables'} on: it gives servers only a few variables plus the entry's "env". Started from your terminal, where ${named.length === 1 ? 'it is' : 'they are'} set, the same command works.`,
    {
      evidence: { variables: named, inLoginShell: named, inOtherEntries: [], configPath: entry.configPath },
      fix: { summary: `Add ${named.map((k) => `"${k}": "…"`).join(', ')} to the "env" of the "${entry.name}" entry in ${entry.configPath} (your login shell has the value).` }
    }
  )
}

/** The first error finding, with how the terminal's run went (and what differs) appended. */
export function withTerminalComparison(findings: Finding[], client: StdioEvidence, run: TerminalRun | undefined): Finding[] {
  if (!run || client.outcome === 'ok') return findings
  // A command that starts nowhere: the resolution findings already say where it was looked for.
  if (client.outcome === 'spawn-error' && run.evidence.outcome === 'spawn-error') return findings
  const worked = run.evidence.outcome === 'ok'
  const out = [...findings]
  const index = out.findIndex((f) => f.severity === 'error')
  if (index === -1) return out
  const primary = out[index]!
  out[index] = {
    ...primary,
    detail: `${primary.detail}\n\n${worked ? worksInTerminal(run) : failsInTerminal(client, run)}`,
    evidence: { ...(primary.evidence ?? {}), terminal: { outcome: run.evidence.outcome, exitCode: run.evidence.exit?.code ?? null, ...run.diff } }
  }
  return out
}

function worksInTerminal(run: TerminalRun): string {
  const d = run.diff
  const parts: string[] = []
  if (d.resolvedClient !== d.resolvedTerminal) {
    parts.push(`the command resolves to ${d.resolvedClient ?? 'nothing'} for the client and to ${d.resolvedTerminal ?? 'nothing'} in the terminal`)
  }
  if (d.pathOnlyInTerminal.length > 0) parts.push(`PATH folders only the terminal has: ${list(d.pathOnlyInTerminal)}`)
  if (d.envOnlyInTerminal.length > 0) parts.push(`variables only the terminal has: ${list(d.envOnlyInTerminal)}`)
  if (d.cwdClient !== d.cwdTerminal) parts.push(`the working folder is ${d.cwdClient} for the client and ${d.cwdTerminal} in the terminal`)
  return `Started the way your terminal would (login-shell environment, in ${d.cwdTerminal}), the same command works${run.evidence.tools !== undefined ? ` and offers ${run.evidence.tools} tools` : ''}. What differs: ${parts.length > 0 ? parts.join('; ') : 'nothing visible in PATH or variable names (a variable value may differ)'}.`
}

function failsInTerminal(client: StdioEvidence, run: TerminalRun): string {
  const same = run.evidence.outcome === client.outcome
  return same
    ? `It fails the same way when started from your terminal (login-shell environment, in ${run.diff.cwdTerminal}), so the cause is the server or its setup, not the client's environment.`
    : `Started from your terminal (login-shell environment, in ${run.diff.cwdTerminal}) it fails differently: ${run.evidence.outcome}${run.evidence.exit ? ` (exit code ${run.evidence.exit.code})` : ''}.`
}

function list(items: readonly string[]): string {
  return items.length > LIST_MAX ? `${items.slice(0, LIST_MAX).join(', ')} and ${items.length - LIST_MAX} more` : items.join(', ')
}

import { finding, type Finding } from '../../../../shared/findings'
import { formatMs as formatDuration } from '../../../../shared/present'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ServerEntry } from '../../clients/types'
import type { Preflight } from '../../probe/preflight'
import type { StdioEvidence } from '../../probe/stdio'
import { redactArgs } from '../../report/redact'
import { quoteCommandLine, tailLines } from '../text'
import { spawnErrorFinding } from './runtime'

/**
 * Rules for a stdio server: read the preflight facts and the probe's evidence, and say what went
 * wrong in words a user can act on. Rules never start processes or touch files.
 */
export function stdioFindings(entry: ServerEntry, preflight: Preflight, evidence: StdioEvidence): Finding[] {
  const out: Finding[] = []
  const command = entry.command ?? ''
  const commandLine = quoteCommandLine(command, redactArgs(entry.args ?? []))
  const stderrTail = tailLines(evidence.stderrTail, 20)

  switch (evidence.outcome) {
    case 'spawn-error':
      out.push(spawnErrorFinding(entry, preflight, evidence))
      break
    case 'exited': {
      const how = evidence.exit?.signal
        ? `was killed by ${evidence.exit.signal}`
        : `exited with code ${evidence.exit?.code ?? 'unknown'}`
      out.push(
        finding(
          'process-exited',
          'error',
          `The server ${how} before completing the MCP handshake`,
          `\`${commandLine}\` started, then ${how} ${evidence.exit ? `after ${evidence.exit.atMs} ms` : ''} without answering \`initialize\`.` +
            (stderrTail ? ' Its last words on stderr are below.' : ' It printed nothing on stderr.'),
          {
            evidence: { exitCode: evidence.exit?.code ?? null, signal: evidence.exit?.signal ?? null, stderrTail },
            fix: {
              summary: 'Run the command in a terminal to see the whole error, fix what it reports, then re-test.',
              command: commandLine
            }
          }
        )
      )
      break
    }
    case 'timeout':
      out.push(
        finding(
          'handshake-timeout',
          'error',
          `No answer to \`initialize\` within ${formatMs(evidence.timeoutMs)}`,
          `The process stayed up but never answered the MCP handshake` +
            (evidence.stdout.bytes === 0 ? ' and wrote nothing on stdout.' : '.') +
            ` A server that waits for input, listens on a port instead of stdio, or buffers its output looks like this. ` +
            `${entry.launch.timeoutSetting ? `The client's limit is set by ${entry.launch.timeoutSetting}.` : ''}`,
          {
            evidence: { timeoutMs: evidence.timeoutMs, stdoutBytes: evidence.stdout.bytes, stderrTail },
            fix: { summary: 'Check that the server speaks MCP over stdio (not HTTP), and that it starts without prompting.' }
          }
        )
      )
      break
    case 'crash-after-start':
      out.push(crashAfterStartFinding(evidence, stderrTail))
      break
    case 'protocol-error':
      out.push(protocolErrorFinding(evidence, stderrTail))
      break
    case 'ok':
    case 'not-probed':
      break
  }

  const slow = slowStartupFinding(entry, evidence)
  if (slow) out.push(slow)

  const oversized = evidence.stdout.oversizedLine
  if (evidence.stdout.noiseLines === 0 && oversized) {
    out.push(
      finding(
        'stdout-pollution',
        evidence.outcome === 'ok' ? 'warning' : 'error',
        'The server writes an endless line on stdout',
        `stdout must carry only JSON-RPC messages, one per line, but the server wrote ${oversized.bytes.toLocaleString('en-US')} bytes without a newline. It began as quoted below.`,
        {
          evidence: { firstLine: oversized.head, excerpt: oversized.head, bytes: oversized.bytes },
          fix: { summary: 'Send logs and binary output to stderr or a file, never to stdout.' }
        }
      )
    )
  }

  if (evidence.stdout.noiseLines > 0 && evidence.stdout.firstNoise !== undefined) {
    out.push(
      finding(
        'stdout-pollution',
        evidence.outcome === 'ok' ? 'warning' : 'error',
        'The server prints non-JSON-RPC text on stdout',
        `stdout must carry only JSON-RPC messages, but ${evidence.stdout.noiseLines === 1 ? '1 line was' : `${evidence.stdout.noiseLines} lines were`} something else; the first is quoted below. Clients drop or choke on such lines ("is not valid JSON").`,
        {
          evidence: { firstLine: evidence.stdout.firstNoise, excerpt: evidence.stdout.firstNoise, lines: evidence.stdout.noiseLines },
          fix: { summary: 'Send logs and banners to stderr (console.error, logging to sys.stderr), never to stdout.' }
        }
      )
    )
  }
  return out
}

function protocolErrorFinding(evidence: StdioEvidence, stderrTail: string): Finding {
  const message = evidence.error?.message ?? 'unknown error'
  const refused = evidence.attempts?.filter((a) => a.result === 'rejected') ?? []
  if (refused.length > 0 && refused.length === evidence.attempts?.length) {
    return versionMismatchFinding(refused.map((a) => a.offered), message)
  }
  if (/protocol version/i.test(message)) {
    return finding('protocol-version-mismatch', 'error', 'The server and client share no protocol version', message, {
      evidence: { error: message, protocolVersion: evidence.protocolVersion }
    })
  }
  return finding('handshake-failed', 'error', 'The server answered the handshake with an error', message, {
    evidence: { error: message, code: evidence.error?.code, stderrTail }
  })
}

function formatMs(ms: number): string {
  return formatDuration(ms)
}

/** Every protocol version offered was refused: the only case that is a version mismatch. */
export function versionMismatchFinding(offered: readonly string[], message: string): Finding {
  return finding(
    'protocol-version-mismatch',
    'error',
    'The server refuses every MCP protocol version',
    `MCP Medic offered ${offered.join(', ')} (newest first, as the spec's negotiation allows) and the server refused each one. Its answer: ${message}`,
    {
      evidence: { offered, error: message },
      fix: { summary: "Upgrade the server (or its MCP SDK) so that it negotiates the protocol version instead of requiring one exact value." }
    }
  )
}

/** It answered, but later than its client waits: the client gives up before the server is ready. */
export function slowStartupFinding(entry: ServerEntry, evidence: { outcome: string; timings: { initializeMs?: number } }): Finding | undefined {
  const answeredMs = evidence.timings.initializeMs
  const limit = entry.launch.timeoutMs
  if ((evidence.outcome !== 'ok' && evidence.outcome !== 'crash-after-start') || answeredMs === undefined || answeredMs <= limit) return undefined
  const client = CLIENT_NAMES[entry.client]
  return finding(
    'slow-startup',
    'error',
    `It answers after ${formatMs(answeredMs)}, but ${client} waits only ${formatMs(limit)}`,
    `The server completed the MCP handshake after ${formatMs(answeredMs)}. ${client} gives a server ${formatMs(limit)} to start, so it gives up first and reports a timeout. ` +
      `A first run that downloads packages (npx -y, uvx, docker pull) or a server that does heavy work before answering \`initialize\` looks like this.`,
    {
      evidence: { answeredMs, clientLimitMs: limit, client: entry.client, setting: entry.launch.timeoutSetting },
      fix: {
        summary: `Raise the limit with ${entry.launch.timeoutSetting} (above ${formatMs(answeredMs)}), or warm the cache by running the command once in a terminal, or install the package so it need not be downloaded.`
      }
    }
  )
}

function crashAfterStartFinding(evidence: StdioEvidence, stderrTail: string): Finding {
  const exit = evidence.exit
  const how = exit ? (exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`) : undefined
  return finding(
    'crash-after-start',
    'error',
    exit ? 'The server connected, then died' : `The server connected, then failed to list its ${evidence.failedListing ?? 'tools'}`,
    `The handshake succeeded${evidence.timings.initializeMs !== undefined ? ` after ${formatMs(evidence.timings.initializeMs)}` : ''}, but ` +
      (how
        ? `the process then ${how}${exit ? ` at ${formatMs(exit.atMs)}` : ''}, before \`tools/list\` was answered.`
        : `\`${evidence.failedListing ?? 'tools'}/list\` failed: ${evidence.error?.message ?? 'no answer'}.`) +
      (stderrTail ? ' Its last words on stderr are below.' : ''),
    {
      evidence: { error: evidence.error?.message, exitCode: exit?.code ?? null, signal: exit?.signal ?? null, stderrTail },
      fix: { summary: 'This is the server failing on its own (a backend it cannot reach, a bug, a broken tool schema): read its stderr, fix what it reports, then re-test.' }
    }
  )
}


import { finding, type Finding } from '../../../../shared/findings'
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
      out.push(
        finding(
          'crash-after-start',
          'error',
          evidence.exit ? 'The server connected, then died' : 'The server connected, then failed to list its tools',
          `The handshake succeeded, but ${evidence.exit ? `the process then exited (code ${evidence.exit.code ?? evidence.exit.signal})` : `\`tools/list\` failed: ${evidence.error?.message ?? 'no answer'}`}.`,
          { evidence: { error: evidence.error?.message, stderrTail } }
        )
      )
      break
    case 'protocol-error':
      out.push(protocolErrorFinding(evidence, stderrTail))
      break
    case 'ok':
    case 'not-probed':
      break
  }

  if (evidence.stdout.noiseLines > 0 && evidence.stdout.firstNoise !== undefined) {
    out.push(
      finding(
        'stdout-pollution',
        evidence.outcome === 'ok' ? 'warning' : 'error',
        'The server prints non-JSON-RPC text on stdout',
        `stdout must carry only JSON-RPC messages, but ${evidence.stdout.noiseLines} line(s) were something else. The first was:\n\n${evidence.stdout.firstNoise}\n\nClients drop or choke on such lines ("is not valid JSON").`,
        {
          evidence: { firstLine: evidence.stdout.firstNoise, lines: evidence.stdout.noiseLines },
          fix: { summary: 'Send logs and banners to stderr (console.error, logging to sys.stderr), never to stdout.' }
        }
      )
    )
  }
  return out
}

function protocolErrorFinding(evidence: StdioEvidence, stderrTail: string): Finding {
  const message = evidence.error?.message ?? 'unknown error'
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
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}


import { finding, type Finding } from '../../../../shared/findings'
import { tildify } from '../../../../shared/present'
import type { LoginShellResult } from '../../env/login-shell'
import { redactText } from '../../report/redact'
import { tailLines } from '../text'

/**
 * `login-shell-failed`: the login shell could not be read, said in terms of what happened (it took
 * longer than the limit, exited with 127, does not exist) and which startup files it reads. A
 * warning: servers are still checked, but "only on your login shell's PATH" cannot be told apart.
 * Nothing when the shell was read, or deliberately not read (Windows).
 */
export function loginShellFindings(result: LoginShellResult | undefined, home: string): Finding[] {
  if (!result || result.env || result.skipped) return []
  const shell = result.shell || 'your shell'
  const files = (result.startupFiles ?? []).map((f) => tildify(f, home))
  const filesText = files.length > 0 ? files.map((f) => `\`${f}\``).join(', ') : undefined
  const limit = result.timeoutMs !== undefined ? `${result.timeoutMs / 1000} s` : 'the time limit'
  const stderr = result.stderrTail ? redactText(tailLines(result.stderrTail, 12), []) : undefined
  const missing = /does not exist|could not be started/.test(result.error ?? '')
  const title = result.timedOut
    ? `Your login shell took longer than ${limit} to start`
    : missing
      ? `Your login shell ${shell} cannot be started`
      : `Your login shell ${result.exitCode !== undefined && result.exitCode !== null && result.exitCode !== 0 ? `exited with code ${result.exitCode}` : 'could not be read'}`
  const what =
    `MCP Medic starts \`${shell} ${result.args.slice(0, -1).join(' ')} …\` to learn the PATH and variables your terminal has; it ${result.error ?? 'failed'}` +
    '.'
  const where = filesText
    ? result.timedOut
      ? ` It reads ${filesText} at startup: ${files.length === 1 ? 'it is' : 'one of them is'} slow or waits for input.`
      : ` It reads ${filesText} at startup; the error is likely there.`
    : ''
  const consequence = ' Until it can be read, a command that only your startup files put on PATH cannot be told apart from a missing one.'
  const fix = result.timedOut
    ? {
        summary:
          'Make the startup files faster, or have them skip slow work when MCP_MEDIC_RESOLVING_ENVIRONMENT is set (the line below, near the top of the slow file); or raise the limit with MCP_MEDIC_SHELL_TIMEOUT (milliseconds).',
        command: '[ -n "$MCP_MEDIC_RESOLVING_ENVIRONMENT" ] && return'
      }
    : missing
      ? { summary: `Set your login shell to one that exists (\`chsh -s /bin/bash\`), or correct $SHELL.` }
      : { summary: 'Run the same shell in a terminal to see the error, and fix the startup file it names.', command: `${shell} -i -l -c true` }
  return [
    finding('login-shell-failed', 'warning', title, what + where + consequence, {
      evidence: {
        shell,
        exitCode: result.exitCode ?? null,
        signal: result.signal ?? null,
        timedOut: result.timedOut ?? false,
        ms: result.ms,
        timeoutMs: result.timeoutMs,
        startupFiles: files,
        ...(stderr ? { stderrTail: stderr } : {})
      },
      fix
    })
  ]
}

import { writeFile } from 'node:fs/promises'
import { sortFindings } from '../shared/findings'
import type { Report } from '../shared/report'
import { currentContext } from '../main/core/context'
import { diagnose } from '../main/core/diagnose/run'
import { editHistory } from '../main/core/config/service'
import { identityOf, prepareExport, renderExport } from '../main/core/report/export'
import { statusFindings, statusIfReady, statusLine } from '../main/core/status/check'
import { clientLogSource } from '../main/core/report/log-source'
import { TOOL } from '../main/core/version'
import { HELP, parseCommand, type Selection } from './args'
import { formatHuman } from './human'
import { startServer } from './serve'
import { endAllProcessTrees } from '../main/core/probe/process-tree'

/** 0: nothing broken; 1: at least one error finding; 2: bad usage or MCP Medic failed. */
export function exitCodeFor(report: Report): 0 | 1 {
  const anyError = report.findings.some((f) => f.severity === 'error') || report.servers.some((s) => s.status === 'error')
  return anyError ? 1 : 0
}

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

/**
 * The diagnosis, with the outage line when the status pages answered before the diagnosis was
 * done: they are read alongside and never waited for (an incident becomes a `status-incident`
 * finding for the clients in the report).
 */
async function runSelection(selection: Selection): Promise<{ report: Report; outage?: string }> {
  const ctx = currentContext()
  const status = statusIfReady(ctx)
  const report = await diagnose(ctx, {
    projects: selection.projects,
    clients: selection.clients,
    servers: selection.servers,
    timeoutMs: selection.timeoutMs,
    shellTimeoutMs: selection.shellTimeoutMs,
    probe: selection.probe
  })
  const check = status.take()
  if (!check || check.vendors.length === 0) return { report }
  const incidents = statusFindings(check, [...new Set(report.servers.map((s) => s.client))])
  return { report: incidents.length > 0 ? { ...report, findings: sortFindings([...report.findings, ...incidents]) } : report, outage: statusLine(check) }
}

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv)
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${HELP[command.topic ?? 'main'] ?? HELP.main}\n`)
      return 0
    case 'version':
      process.stdout.write(`${TOOL.version}\n`)
      return 0
    case 'diagnose': {
      const { report, outage } = await runSelection(command)
      if (command.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      else process.stdout.write(formatHuman(report, { color: useColor(process.stdout), columns: process.stdout.columns, outage }))
      return exitCodeFor(report)
    }
    case 'report': {
      const { report } = await runSelection(command)
      // Made exactly as the app's export: what was tried, the clients' log lines, then the home and user name masked.
      const ctx = currentContext()
      const edits = await editHistory(ctx).catch(() => [])
      const { text } = renderExport(await prepareExport(report, identityOf(ctx), { edits, logs: clientLogSource(ctx, report.system.projects) }), command.format)
      if (command.output) {
        await writeFile(command.output, text, { mode: 0o600 })
        process.stderr.write(`Report written to ${command.output}\n`)
      } else process.stdout.write(text)
      return exitCodeFor(report)
    }
    case 'serve': {
      const server = await startServer({ port: command.port, open: command.open })
      process.stdout.write(`${server.url}\n`)
      process.stderr.write('MCP Medic is serving on 127.0.0.1 only. Press Ctrl+C to stop.\n')
      await new Promise<void>((resolve) => {
        // Probes still running end with the server: nothing they started outlives it, and the
        // process exits now instead of when the slowest probe would have timed out.
        const stop = (): void => {
          void Promise.all([server.close(), endAllProcessTrees()]).then(() => resolve())
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      process.exit(0)
    }
  }
}

import { effectiveLine } from './effective'
import type { ServerReport } from './report'

/** Milliseconds for people: "140 ms", "2.3 s". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

/** One line saying how a server fared: its tools when healthy, its worst problem otherwise. */
export function serverResult(server: ServerReport): string {
  const worst = server.findings[0]
  if (server.status === 'skipped' && server.effective && server.effective.state !== 'active') return effectiveLine(server.effective)
  if (server.status === 'skipped') {
    if (server.probe) return 'not started'
    return server.transport === 'stdio' ? 'not started (--no-probe)' : `${server.transport} server, not contacted (--no-probe)`
  }
  if (server.status === 'error' && worst) return worst.title
  const probe = server.probe
  const connected =
    probe?.outcome === 'ok'
      ? `${probe.tools ?? 0} tool${probe.tools === 1 ? '' : 's'} · ${formatMs(probe.timings?.initializeMs ?? probe.ms)}`
      : undefined
  if (server.status === 'warning' && worst) return connected ? `${connected} · ${worst.title}` : worst.title
  return connected ?? 'ok'
}

/** Shortens a path under the home folder to `~/…`, for display and for shared reports. */
export function tildify(file: string, home: string | undefined): string {
  if (!home) return file
  const sep = home.includes('\\') && !home.includes('/') ? '\\' : '/'
  return file === home || file.startsWith(`${home}${sep}`) ? `~${file.slice(home.length)}` : file
}

/**
 * A text with every mention of the home folder shortened to `~` (where a path follows or the
 * text ends): for finding texts on screen and in shared reports.
 */
export function shortenHome(text: string, home: string | undefined): string {
  if (!home || home.length < 2) return text
  const escaped = home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(`${escaped}(?=[/\\\\\\s),.;:'"\`]|$)`, 'gm'), '~')
}

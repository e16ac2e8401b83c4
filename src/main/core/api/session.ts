import type { Finding } from '../../../shared/findings'
import type { Report, ServerReport } from '../../../shared/report'
import { summarize } from '../../../shared/report'

/**
 * What the handlers remember between calls of one app session: the last whole diagnosis, with
 * each server replaced as it is re-tested. Fix actions are looked up here (the engine carries out
 * only actions it produced itself), and an export is made from it.
 */
export class Session {
  private last?: Report
  private readonly servers = new Map<string, ServerReport>()

  /** Records a finished diagnosis; it replaces everything known before. */
  recordReport(report: Report): void {
    this.last = report
    this.servers.clear()
    for (const server of report.servers) this.servers.set(server.id, server)
  }

  /** Records one server's fresh examination (a re-test, a fix's re-probe). */
  recordServer(server: ServerReport, replacesId: string = server.id): void {
    if (replacesId !== server.id) this.servers.delete(replacesId)
    this.servers.set(server.id, server)
    if (!this.last) return
    const others = this.last.servers.filter((s) => s.id !== replacesId && s.id !== server.id)
    const index = this.last.servers.findIndex((s) => s.id === replacesId || s.id === server.id)
    const servers = index === -1 ? [...others, server] : [...others.slice(0, index), server, ...others.slice(index)]
    this.last = { ...this.last, servers, summary: summarize(servers) }
  }

  /** Replaces the findings of the whole report (a fixed config file's findings change). */
  recordFindings(findings: Finding[]): void {
    if (this.last) this.last = { ...this.last, findings }
  }

  /** The latest report of a server, if this session has examined it. */
  server(id: string): ServerReport | undefined {
    return this.servers.get(id)
  }

  /** The last diagnosis with every re-test folded in, if there was one. */
  report(): Report | undefined {
    return this.last
  }
}

import type { LogExcerpt } from '../../../shared/logs'
import type { LogExcerptReport, ServerReport } from '../../../shared/report'
import type { EngineContext } from '../context'
import { discoverAll } from '../diagnose/run'
import { entryLogExcerpts } from '../logs/service'
import { entrySecrets } from './build'

/**
 * Where an export gets a failing server's client log lines: logs.ts' excerpts, the configs read
 * once per export (every server's secrets are masked: a shared log quotes other servers too).
 */
export function clientLogSource(ctx: EngineContext, projects: readonly string[] | undefined): (server: ServerReport) => Promise<LogExcerptReport[]> {
  let found: Promise<{ entries: Map<string, Awaited<ReturnType<typeof discoverAll>>['servers'][number]>; secrets: string[] }> | undefined
  const discovery = () =>
    (found ??= discoverAll(ctx, { projects: projects ? [...projects] : undefined }).then((d) => ({
      entries: new Map(d.servers.map((e) => [e.id, e])),
      secrets: [...new Set(d.servers.flatMap(entrySecrets))]
    })))
  return async (server) => {
    const { entries, secrets } = await discovery()
    const entry = entries.get(server.id)
    return entry ? (await entryLogExcerpts(ctx, entry, secrets)).map(flattenExcerpt) : []
  }
}

/** One of logs.ts' excerpts as the report model keeps it. */
export function flattenExcerpt(x: LogExcerpt): LogExcerptReport {
  return {
    client: x.file.client,
    path: x.file.path,
    kind: x.file.kind,
    modifiedAt: x.file.modifiedAt,
    lines: x.lines.map((l) => ({ n: l.n, text: l.text, ...(l.level ? { level: l.level } : {}), ...(l.recognised ? { code: l.recognised.code } : {}) })),
    ...(x.truncated ? { truncated: true } : {})
  }
}

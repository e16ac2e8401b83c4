/**
 * Lists and reads one server's client logs and says what happened: the permission test runs it as
 * another user (nobody) through read-child-main.ts when it runs as root, because root reads every
 * file whatever its mode, and in its own process otherwise.
 */
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { gatherClientLogFacts } from '../../../src/main/core/logs/facts'
import { listServerLogs, readServerLog } from '../../../src/main/core/logs/service'
import type { EngineContext } from '../../../src/main/core/context'

export interface ChildResult {
  files: string[]
  notes: string[]
  reads: { path: string; ok: boolean; code?: string; message?: string; lines?: number }[]
  factFiles: string[]
}

export async function listAndRead(ctx: EngineContext, serverId: string, project: string): Promise<ChildResult> {
  const deps = { discover: discoverAll, projects: [project] }
  const list = await listServerLogs(ctx, serverId, deps)
  const reads: ChildResult['reads'] = []
  for (const f of list.files) {
    try {
      const read = await readServerLog(ctx, serverId, f.id, {}, deps)
      reads.push({ path: f.path, ok: true, lines: read.lines.length })
    } catch (error) {
      reads.push({ path: f.path, ok: false, code: (error as { code?: string }).code, message: (error as Error).message })
    }
  }
  const entry = (await discoverAll(ctx, { projects: [project] })).servers.find((s) => s.id === serverId)!
  const facts = await gatherClientLogFacts(ctx, entry)
  return { files: list.files.map((f) => f.path), notes: list.notes, reads, factFiles: facts.files }
}

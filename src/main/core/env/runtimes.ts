import type { RuntimeReport } from '../../../shared/report'
import { pathEntries, type EngineContext } from '../context'
import { which } from './which'

/** The runtimes MCP servers are most often started with. */
export const RUNTIMES = ['node', 'npx', 'python3', 'python', 'uv', 'uvx', 'docker', 'bun', 'deno'] as const

/** Which runtimes are on MCP Medic's own PATH, and where. */
export async function detectRuntimes(ctx: EngineContext): Promise<RuntimeReport[]> {
  const dirs = pathEntries(ctx.env, ctx.platform)
  return Promise.all(
    RUNTIMES.map(async (name): Promise<RuntimeReport> => {
      const found = await which(name, dirs, { cwd: ctx.cwd, platform: ctx.platform, pathext: ctx.env.PATHEXT })
      return found.path ? { name, found: true, path: found.path, where: 'app-path' } : { name, found: false, where: 'none' }
    })
  )
}

import { readdir } from 'node:fs/promises'
import type { Finding } from '../../../shared/findings'
import type { ConfigReport } from '../../../shared/report'
import type { EngineContext } from '../context'
import { markActive } from './effective'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { inHome, pathsFor } from './paths'
import { notHome, projectFolders } from './projects'
import { collectServers, scanFile, type ScannedFile } from './scan'
import type { ClientAdapter, ServerEntry } from './types'

/**
 * Continue, read only: `~/.continue/config.yaml` and the workspace's
 * `.continue/mcpServers/*.yaml` blocks hold `mcpServers` as a list of `{ name, type, command,
 * args, env, url }`; JSON files in that folder use Claude Desktop's `mcpServers` object
 * (continuedev/continue docs/customize/deep-dives/mcp.mdx; clients.md §10).
 */
export const CONTINUE_DIALECT: DialectSpec = {
  client: 'continue',
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', 'streamable-http': 'http', streamableHttp: 'http', http: 'http' },
  defaultUrlTransport: 'sse',
  cwdKey: 'cwd',
  known: ['name', 'connectionTimeout', 'requestOptions']
}

const READ_ONLY = 'MCP Medic reads Continue configs but does not edit them yet'

export function continueUserPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  return inHome(ctx, '.continue', 'config.yaml')
}

/** A YAML `mcpServers` list as an object keyed by each item's name (or its position). */
function listAsMap(file: ScannedFile): void {
  const list = file.root?.mcpServers
  if (!Array.isArray(list)) return
  const map: Record<string, unknown> = {}
  list.forEach((item, i) => {
    const name = isPlainObject(item) && typeof item.name === 'string' && item.name ? item.name : `#${i + 1}`
    map[name] = item
  })
  file.root = { ...file.root, mcpServers: map }
}

export const continueDev: ClientAdapter = {
  id: 'continue',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const p = pathsFor(ctx)
    const configs: ConfigReport[] = []
    const servers: ServerEntry[] = []
    const findings: Finding[] = []
    const read = async (path: string, scope: 'user' | 'project', project?: string, listWhenMissing = false): Promise<void> => {
      const format = path.endsWith('.json') ? 'json' : 'yaml'
      const file = await scanFile({ client: 'continue', scope, path, format, readOnly: READ_ONLY }, findings)
      if (file.read.state === 'missing' && !listWhenMissing) return
      configs.push(file.read.report)
      if (format === 'yaml') listAsMap(file)
      servers.push(...collectServers({ ctx, file, dialect: CONTINUE_DIALECT, container: ['mcpServers'], project, launchCwd: project ?? ctx.cwd, findings }))
    }
    await read(continueUserPath(ctx), 'user', undefined, true)
    for (const project of notHome(ctx, projects)) {
      const dir = p.join(project, '.continue', 'mcpServers')
      let names: string[]
      try {
        names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()
      } catch {
        continue
      }
      for (const name of names) await read(p.join(dir, name), 'project', project)
    }
    markActive(servers, 'Continue loads this server in agent mode.')
    return { configs, servers, findings, projects }
  }
}

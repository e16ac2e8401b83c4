import { readdir } from 'node:fs/promises'
import { z } from 'zod'
import { finding, type Finding } from '../../../shared/findings'
import type { ConfigReport } from '../../../shared/report'
import { itemKeys, itemName, keyedView } from '../config/keyed-list'
import type { EngineContext } from '../context'
import { markActive } from './effective'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { hostPath, inHome, pathsFor } from './paths'
import { notHome, projectFolders } from './projects'
import { collectServers, scanFile, withPosition, type ScannedFile } from './scan'
import type { ClientAdapter, ServerEntry } from './types'

/**
 * Continue: `~/.continue/config.yaml` and the workspace's `.continue/mcpServers/*.yaml` blocks
 * hold `mcpServers` as a list of `{ name, type, command, args, env, cwd }` or `{ name, type, url,
 * requestOptions: { headers } }`, `type` stdio | sse | streamable-http (continuedev/continue
 * packages/config-yaml/src/schemas/mcp/index.ts; docs/customize/deep-dives/mcp.mdx; clients.md §10).
 */
export const CONTINUE_DIALECT: DialectSpec = {
  client: 'continue',
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', 'streamable-http': 'http' },
  defaultUrlTransport: 'sse',
  cwdKey: 'cwd',
  headersIn: 'requestOptions',
  fields: {
    name: z.string().min(1),
    serverName: z.string().optional(),
    faviconUrl: z.string().optional(),
    connectionTimeout: z.number().gt(0).optional()
  },
  known: ['sourceFile'],
  strict: 'Continue checks its config against this schema and reports the config as invalid.',
  listKey: 'name'
}

/**
 * Continue's JSON drop-ins (`.continue/mcpServers/*.json`): Claude Desktop's `mcpServers` object,
 * which Continue converts (`type` stdio | sse | http; `headers`; `envFile` is not supported;
 * packages/config-yaml/src/schemas/mcp/json.ts and convertJson.ts).
 */
export const CONTINUE_JSON_DIALECT: DialectSpec = {
  client: 'continue',
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', http: 'http' },
  defaultUrlTransport: 'sse',
  known: ['envFile'],
  refine: (raw, check) => {
    if (raw.envFile !== undefined) {
      check.report(['envFile'], 'warning', {
        title: '"{name}" uses envFile',
        detail: 'Continue does not support envFile when it converts this file ("envFile is not supported in Continue MCP config"): the variables in that file never reach the server.',
        fix: 'Put the variables the server needs in "env".'
      })
    }
  }
}

export function continueUserPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  return inHome(ctx, '.continue', 'config.yaml')
}

/** The named `mcpServers` list of a Continue YAML file. */
export const CONTINUE_LIST = { path: ['mcpServers'], key: 'name' }

/**
 * Reads a YAML file's `mcpServers` list as an object keyed by each item's name (see
 * keyed-list.ts), and points positions in it at the item. A map where the list belongs is
 * reported: Continue's schema wants a list.
 */
function readList(file: ScannedFile, findings: Finding[]): void {
  const list = file.root?.mcpServers
  if (isPlainObject(list)) {
    findings.push(
      withPosition(
        finding('config-invalid-entry', 'error', `${file.spec.path}: "mcpServers" is a map, not a list`, `Continue reads "mcpServers" in ${file.spec.path} as a list of servers, each with a "name"; a map of names to servers does not match its schema.`, {
          evidence: { path: file.spec.path, jsonPath: 'mcpServers' },
          fix: { summary: 'Write each server as a list item: "- name: <name>" followed by its fields.' }
        }),
        file.locate(['mcpServers'])
      )
    )
  }
  if (!Array.isArray(list)) return
  const keys = itemKeys(list.map((item) => itemName(item, CONTINUE_LIST.key)))
  const locate = file.locate
  file.locate = (segments) => {
    const index = segments[0] === 'mcpServers' && typeof segments[1] === 'string' ? keys.indexOf(segments[1]) : -1
    return index === -1 ? locate(segments) : locate(['mcpServers', index, ...segments.slice(2)])
  }
  file.root = keyedView(file.root, [CONTINUE_LIST]) as Record<string, unknown>
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
      const file = await scanFile({ client: 'continue', scope, path, format }, findings, ctx)
      if (file.read.state === 'missing' && !listWhenMissing) return
      configs.push(file.read.report)
      if (format === 'yaml') readList(file, findings)
      const dialect = format === 'yaml' ? CONTINUE_DIALECT : CONTINUE_JSON_DIALECT
      servers.push(...collectServers({ ctx, file, dialect, container: ['mcpServers'], project, launchCwd: project ?? ctx.cwd, findings }))
    }
    await read(continueUserPath(ctx), 'user', undefined, true)
    for (const project of notHome(ctx, projects)) {
      const dir = p.join(project, '.continue', 'mcpServers')
      let names: string[]
      try {
        names = (await readdir(hostPath(ctx, dir))).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()
      } catch {
        continue
      }
      for (const name of names) await read(p.join(dir, name), 'project', project)
    }
    markActive(servers, 'Continue loads this server in agent mode.')
    return { configs, servers, findings, projects }
  }
}

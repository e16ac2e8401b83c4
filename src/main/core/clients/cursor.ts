import { z } from 'zod'
import type { EngineContext } from '../context'
import type { DialectSpec } from './normalize'
import { inHome, pathsFor } from './paths'
import { notHome, projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Cursor: global `~/.cursor/mcp.json` (Windows `%USERPROFILE%\.cursor\mcp.json`) and project
 * `<project>/.cursor/mcp.json`; a project definition wins over a global one of the same name
 * (forum reports; not documented). `${env:VAR}`, `${userHome}`, `${workspaceFolder}`; `envFile`
 * for stdio (clients.md §3).
 */
export const CURSOR_DIALECT: DialectSpec = {
  client: 'cursor',
  wrongKeys: { servers: 'the VS Code spelling', context_servers: 'the Zed spelling' },
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', http: 'http', streamableHttp: 'http', 'streamable-http': 'http' },
  defaultUrlTransport: 'http',
  fields: { envFile: z.string().optional() },
  known: ['auth']
}

export function cursorUserPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  return inHome(ctx, '.cursor', 'mcp.json')
}

export const cursor: ClientAdapter = {
  id: 'cursor',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const p = pathsFor(ctx)
    return discoverClient(ctx, {
      client: 'cursor',
      dialect: CURSOR_DIALECT,
      projects,
      files: [
        { scope: 'user', path: cursorUserPath(ctx), format: 'json', listWhenMissing: true },
        ...notHome(ctx, projects).map((project) => ({ scope: 'project' as const, path: p.join(project, '.cursor', 'mcp.json'), format: 'json' as const, project }))
      ],
      rank: (s) => (s.scope === 'project' ? 2 : 1)
    })
  }
}

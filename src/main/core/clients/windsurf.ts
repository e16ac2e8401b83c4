import { z } from 'zod'
import type { EngineContext } from '../context'
import type { DialectSpec } from './normalize'
import { inHome } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Windsurf: `~/.codeium/windsurf/mcp_config.json` (the editor) and `~/.codeium/mcp_config.json`
 * (Windsurf plugins for JetBrains and others). Remote servers use `serverUrl` or `url`;
 * `"disabled": true` turns a server off; `${env:VAR}` and `${file:path}` (clients.md §5).
 */
export const WINDSURF_DIALECT: DialectSpec = {
  client: 'windsurf',
  wrongKeys: { servers: 'the VS Code spelling' },
  urlKeys: [{ key: 'serverUrl' }, { key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', http: 'http', 'streamable-http': 'http', streamableHttp: 'http' },
  defaultUrlTransport: 'http',
  disabled: (raw) => (raw.disabled === true ? 'Turned off in Windsurf ("disabled": true).' : undefined),
  fields: { disabled: z.boolean().optional(), disabledTools: z.array(z.string()).optional() },
  known: ['alwaysAllow']
}

export function windsurfPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): { editor: string; plugins: string } {
  return { editor: inHome(ctx, '.codeium', 'windsurf', 'mcp_config.json'), plugins: inHome(ctx, '.codeium', 'mcp_config.json') }
}

export const windsurf: ClientAdapter = {
  id: 'windsurf',
  async discover(ctx, options) {
    const paths = windsurfPaths(ctx)
    return discoverClient(ctx, {
      client: 'windsurf',
      dialect: WINDSURF_DIALECT,
      projects: await projectFolders(ctx, options),
      files: [
        { scope: 'user', path: paths.editor, format: 'json', listWhenMissing: true },
        { scope: 'user', path: paths.plugins, format: 'json', note: 'Read by the Windsurf plugins for JetBrains and other IDEs, not by the Windsurf editor.' }
      ]
    })
  }
}

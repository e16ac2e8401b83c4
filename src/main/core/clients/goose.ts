import type { EngineContext } from '../context'
import type { DialectSpec } from './normalize'
import { appDataDir, inHome, pathsFor, xdgConfigHome } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Goose (Block), read only: `~/.config/goose/config.yaml` (Linux honours `$XDG_CONFIG_HOME`),
 * `%APPDATA%\Block\goose\config\config.yaml` on Windows. `extensions:` map with `cmd`, `args`,
 * `envs`, remote `uri`, `type` stdio | sse | streamable_http | builtin, `enabled` (clients.md §11).
 */
export const GOOSE_DIALECT: DialectSpec = {
  client: 'goose',
  commandKey: 'cmd',
  envKey: 'envs',
  urlKeys: [{ key: 'uri' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', streamable_http: 'http', builtin: 'skip', platform: 'skip', frontend: 'skip', inline_python: 'skip' },
  defaultUrlTransport: 'sse',
  disabled: (raw) => (raw.enabled === false ? 'Turned off in Goose (enabled: false).' : undefined),
  known: ['name', 'enabled', 'timeout', 'description', 'env_keys', 'bundled', 'available_tools', 'display_name']
}

export function goosePath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  const p = pathsFor(ctx)
  if (ctx.platform === 'win32') return p.join(appDataDir(ctx), 'Block', 'goose', 'config', 'config.yaml')
  if (ctx.platform === 'darwin') return inHome(ctx, '.config', 'goose', 'config.yaml')
  return p.join(xdgConfigHome(ctx), 'goose', 'config.yaml')
}

export const goose: ClientAdapter = {
  id: 'goose',
  async discover(ctx, options) {
    return discoverClient(ctx, {
      client: 'goose',
      dialect: GOOSE_DIALECT,
      projects: await projectFolders(ctx, options),
      files: [{ scope: 'user', path: goosePath(ctx), format: 'yaml', container: ['extensions'], readOnly: 'MCP Medic reads Goose configs but does not edit them yet' }]
    })
  }
}

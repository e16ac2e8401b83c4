import { z } from 'zod'
import type { EngineContext } from '../context'
import type { DialectSpec } from './normalize'
import { appDataDir, inHome, pathsFor, xdgConfigHome } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

const Strings = z.array(z.string())

/**
 * Goose (Block): `~/.config/goose/config.yaml` (Linux honours `$XDG_CONFIG_HOME`),
 * `%APPDATA%\Block\goose\config\config.yaml` on Windows. `extensions:` map of `ExtensionEntry`:
 * `enabled` plus an `ExtensionConfig` tagged by `type` (stdio | sse | streamable_http | builtin |
 * platform | frontend | inline_python); stdio `cmd`, `args`, `envs`, `env_keys`; remote `uri`,
 * `headers`; `name`, `timeout`, `description`, `bundled`, `available_tools`. Goose skips an entry it
 * cannot deserialize, and no longer connects to SSE (block/goose crates/goose/src/agents/extension.rs
 * and src/config/extensions.rs; clients.md §11).
 */
export const GOOSE_DIALECT: DialectSpec = {
  client: 'goose',
  commandKey: 'cmd',
  envKey: 'envs',
  urlKeys: [{ key: 'uri' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', streamable_http: 'http', builtin: 'skip', platform: 'skip', frontend: 'skip', inline_python: 'skip' },
  typeRequired: true,
  defaultUrlTransport: 'sse',
  disabled: (raw) => (raw.enabled === false ? 'Turned off in Goose (enabled: false).' : undefined),
  fields: {
    name: z.string(),
    enabled: z.boolean(),
    description: z.string().nullable().optional(),
    display_name: z.string().nullable().optional(),
    timeout: z.number().int().nonnegative().nullable().optional(),
    bundled: z.boolean().nullable().optional(),
    env_keys: Strings.optional(),
    available_tools: Strings.optional()
  },
  strict: 'Goose skips an extension it cannot read ("Skipping malformed extension config entry").',
  wrongKeys: { mcpServers: 'the spelling of Claude, Cursor and Continue', servers: 'the VS Code spelling', mcp_servers: 'the Codex spelling' },
  refine: (raw, check) => {
    if (!check.reachable) return
    if (raw.type === 'stdio' && raw.args === undefined) {
      check.report(['args'], 'error', {
        title: '"{name}" has no "args"',
        detail: 'Goose needs "args" on a stdio extension, even an empty list, and skips the extension without it ("Skipping malformed extension config entry").',
        fix: 'Add "args: []" when the command takes no arguments.'
      })
    }
    if (raw.type === 'sse') {
      check.report(['type'], 'warning', {
        title: 'Goose no longer connects to SSE extensions',
        detail: 'Current Goose keeps SSE entries only for compatibility and warns "SSE is unsupported, migrate to streamable_http"; it does not start them.',
        fix: 'Set "type: streamable_http" if the server speaks Streamable HTTP.'
      })
    }
  }
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
      files: [{ scope: 'user', path: goosePath(ctx), format: 'yaml', container: ['extensions'] }]
    })
  }
}

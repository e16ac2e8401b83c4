import type { EngineContext } from '../context'
import type { DialectSpec } from './normalize'
import { appDataDir, pathsFor } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Claude Desktop: one `claude_desktop_config.json` (macOS `~/Library/Application Support/Claude`,
 * Windows `%APPDATA%\Claude`, Linux community builds `~/.config/Claude`). The file launches local
 * (stdio) servers only: remote servers belong in Settings › Connectors, and `url` entries are
 * skipped (clients.md §2, failures.md `desktop-remote-in-config`). No variable expansion.
 */
export const CLAUDE_DESKTOP_DIALECT: DialectSpec = {
  client: 'claude-desktop',
  wrongKeys: { servers: 'the VS Code spelling', context_servers: 'the Zed spelling' },
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', http: 'http', 'streamable-http': 'http', sse: 'sse' },
  defaultUrlTransport: 'http',
  stdioOnly:
    'Claude Desktop starts only local (stdio) servers from this file and skips entries with a URL ("not valid MCP server configurations and were skipped").'
}

export function claudeDesktopConfigPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  return pathsFor(ctx).join(appDataDir(ctx), 'Claude', 'claude_desktop_config.json')
}

export const claudeDesktop: ClientAdapter = {
  id: 'claude-desktop',
  async discover(ctx, options) {
    return discoverClient(ctx, {
      client: 'claude-desktop',
      dialect: CLAUDE_DESKTOP_DIALECT,
      projects: await projectFolders(ctx, options),
      files: [{ scope: 'user', path: claudeDesktopConfigPath(ctx), format: 'json', listWhenMissing: true }],
      activeReason: 'Claude Desktop starts this server when it launches.'
    })
  }
}

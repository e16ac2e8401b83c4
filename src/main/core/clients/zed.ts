import { z } from 'zod'
import { finding, type Finding } from '../../../shared/findings'
import type { EngineContext } from '../context'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { appDataDir, inHome, pathsFor, xdgConfigHome } from './paths'
import { notHome, projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Zed: `settings.json` (Linux `$XDG_CONFIG_HOME/zed` or `~/.config/zed`, macOS `~/.config/zed`,
 * Windows `%APPDATA%\Zed`) and the project's `.zed/settings.json`, merged on top. Key
 * `context_servers`: `command` + `args` (required) + `env`, or `url` + `headers`, or an
 * extension's `settings`; `enabled: false`. Older files use `"source": "custom"` or a nested
 * `"command": { "path", "args", "env" }`, which Zed migrates (clients.md §7). JSON with comments.
 */
export const ZED_DIALECT: DialectSpec = {
  client: 'zed',
  wrongKeys: { mcpServers: 'the Claude and Cursor spelling', servers: 'the VS Code spelling' },
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { extension: 'skip' },
  defaultUrlTransport: 'http',
  disabled: (raw) => (raw.enabled === false ? 'Turned off in Zed ("enabled": false).' : undefined),
  // crates/settings_content/src/project.rs (ContextServerSettingsContent)
  fields: { enabled: z.boolean().optional(), timeout: z.number().int().nonnegative().optional(), remote: z.boolean().optional() },
  known: ['settings', 'source', 'oauth'],
  strict: 'Zed cannot read the entry ("data did not match any variant of untagged enum ContextServerSettingsContent").',
  prepare: (raw, name) => prepareZedEntry(raw, name),
  refine: (raw, check) => {
    if (check.reachable && check.transport === 'stdio' && raw.command !== undefined && raw.args === undefined) {
      check.report(['args'], 'warning', {
        title: '"{name}" has no "args"',
        detail: 'Zed requires "args" for a command server and fails to read the entry without it ("data did not match any variant of untagged enum ContextServerSettingsContent").',
        fix: 'Add "args": [] when the command takes no arguments.'
      })
    }
  }
}

export function zedUserPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  const p = pathsFor(ctx)
  if (ctx.platform === 'win32') return p.join(appDataDir(ctx), 'Zed', 'settings.json')
  if (ctx.platform === 'darwin') return inHome(ctx, '.config', 'zed', 'settings.json')
  return p.join(xdgConfigHome(ctx), 'zed', 'settings.json')
}

/** Rewrites Zed's older entry shapes into the current one, saying so; marks an extension's server. */
export function prepareZedEntry(raw: unknown, name: string): { raw: unknown; findings?: Finding[] } {
  if (!isPlainObject(raw)) return { raw }
  const findings: Finding[] = []
  let entry: Record<string, unknown> = { ...raw }
  if (isPlainObject(entry.command)) {
    const nested = entry.command
    entry = { ...entry, command: nested.path, args: nested.args ?? entry.args, env: nested.env ?? entry.env }
    findings.push(
      finding('config-invalid-entry', 'info', `"${name}" uses Zed's oldest entry format`, 'The nested "command": { "path", "args", "env" } form predates Zed\'s current settings; Zed migrates it, but tools and docs now expect "command", "args" and "env" side by side.', {
        evidence: { jsonPath: `context_servers.${name}.command` },
        fix: { summary: 'Move "path" up to "command", and "args" and "env" next to it.' }
      })
    )
  }
  const isExtension = entry.source === 'extension' || (entry.command === undefined && entry.url === undefined && entry.settings !== undefined)
  if (isExtension) entry = { ...entry, type: 'extension' }
  return { raw: entry, findings }
}

export const zed: ClientAdapter = {
  id: 'zed',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const p = pathsFor(ctx)
    return discoverClient(ctx, {
      client: 'zed',
      dialect: ZED_DIALECT,
      projects,
      files: [
        { scope: 'user', path: zedUserPath(ctx), format: 'jsonc', container: ['context_servers'], listWhenMissing: true, note: 'Zed\'s whole settings file: MCP Medic edits only context_servers.' },
        ...notHome(ctx, projects).map((project) => ({
          scope: 'project' as const,
          path: p.join(project, '.zed', 'settings.json'),
          format: 'jsonc' as const,
          container: ['context_servers'],
          project,
          note: 'Zed starts project servers only in a trusted worktree.'
        }))
      ],
      rank: (s) => (s.scope === 'project' ? 2 : 1)
    })
  }
}

import { finding, type Finding } from '../../../shared/findings'
import { CLIENT_NAMES, type ClientId } from '../../../shared/report'
import { parseConfigText } from '../config/formats'
import { readTextIfFile } from '../config/read'
import type { EngineContext } from '../context'
import { isPlainObject } from './entry'
import { appDataDir, hostPath, pathsFor } from './paths'

/** A place where users put MCP servers that their client never looks at. */
interface Stray {
  path: string
  /** keys whose presence makes the file look like an MCP config: "mcpServers" or "mcp.servers" */
  keys: string[]
  /** the file(s) the client does read, in words */
  reads: string
}

/**
 * Files that look like MCP configs (they hold a servers object) where `client` never reads them
 * (failures.md `config-wrong-file`): `~/.claude/mcp.json`, `mcpServers` in Claude Code's
 * settings.json, `.cursor/mcp_config.json`, an old Codex `config.json`… Never throws.
 */
export async function unreadFiles(ctx: EngineContext, client: ClientId, projects: readonly string[]): Promise<Finding[]> {
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const stray of straysFor(ctx, client, projects)) {
    if (seen.has(stray.path)) continue
    seen.add(stray.path)
    const servers = await serversIn(ctx, stray)
    if (servers === undefined) continue
    out.push(
      finding(
        'config-unread-file',
        'warning',
        `${CLIENT_NAMES[client]} never reads ${stray.path}`,
        `${stray.path} defines ${servers} MCP server${servers === 1 ? '' : 's'}, but ${CLIENT_NAMES[client]} does not read this file, so ${servers === 1 ? 'it is' : 'they are'} silently absent. ${CLIENT_NAMES[client]} reads ${stray.reads}.`,
        { evidence: { path: stray.path, servers }, fix: { summary: `Move the servers to ${stray.reads}, then restart ${CLIENT_NAMES[client]}.` } }
      )
    )
  }
  return out
}

function straysFor(ctx: EngineContext, client: ClientId, projects: readonly string[]): Stray[] {
  const p = pathsFor(ctx)
  const home = (...parts: string[]): string => p.join(ctx.home, ...parts)
  const inProjects = (reads: string, ...parts: string[]): Stray[] =>
    projects.filter((dir) => dir !== ctx.home).map((dir) => ({ path: p.join(dir, ...parts), keys: ['mcpServers', 'servers'], reads }))
  switch (client) {
    case 'claude-code': {
      const reads = '~/.claude.json (user and local scope) and <project>/.mcp.json (project scope)'
      return [
        { path: home('.claude', 'mcp.json'), keys: ['mcpServers', 'servers'], reads },
        { path: home('.claude', '.mcp.json'), keys: ['mcpServers', 'servers'], reads },
        { path: home('.claude', 'settings.json'), keys: ['mcpServers'], reads },
        ...inProjects(reads, '.claude', '.mcp.json'),
        ...inProjects(reads, '.claude', 'mcp.json'),
        ...projects.map((dir) => ({ path: p.join(dir, '.claude', 'settings.json'), keys: ['mcpServers'], reads })),
        ...projects.map((dir) => ({ path: p.join(dir, '.claude', 'settings.local.json'), keys: ['mcpServers'], reads }))
      ]
    }
    case 'cursor': {
      const reads = '~/.cursor/mcp.json (global) and <project>/.cursor/mcp.json'
      return [{ path: home('.cursor', 'mcp_config.json'), keys: ['mcpServers'], reads }, ...inProjects(reads, '.cursor', 'mcp_config.json')]
    }
    case 'vscode': {
      const reads = 'the user mcp.json ("MCP: Open User Configuration") and <project>/.vscode/mcp.json'
      return [{ path: p.join(appDataDir(ctx), 'Code', 'User', 'mcp_config.json'), keys: ['servers', 'mcpServers'], reads }, ...inProjects(reads, '.vscode', 'mcp_config.json')]
    }
    case 'windsurf': {
      const reads = '~/.codeium/windsurf/mcp_config.json'
      return [
        { path: home('.codeium', 'windsurf', 'mcp.json'), keys: ['mcpServers'], reads },
        { path: home('.windsurf', 'mcp_config.json'), keys: ['mcpServers'], reads }
      ]
    }
    case 'gemini-cli': {
      const reads = '~/.gemini/settings.json and <project>/.gemini/settings.json'
      return [
        { path: home('.gemini', 'mcp.json'), keys: ['mcpServers'], reads },
        { path: home('.gemini', 'mcp_config.json'), keys: ['mcpServers'], reads }
      ]
    }
    case 'codex': {
      const reads = '[mcp_servers.<name>] tables in ~/.codex/config.toml'
      return [
        { path: home('.codex', 'config.json'), keys: ['mcpServers', 'mcp_servers'], reads },
        { path: home('.codex', 'mcp.json'), keys: ['mcpServers', 'mcp_servers'], reads }
      ]
    }
    default:
      return []
  }
}

/** How many servers the file holds under one of the keys, or undefined when it holds none. */
async function serversIn(ctx: EngineContext, stray: Stray): Promise<number | undefined> {
  const text = await readTextIfFile(hostPath(ctx, stray.path))
  if (text === undefined) return undefined
  const parsed = parseConfigText(text, 'jsonc')
  if (!parsed.ok || !isPlainObject(parsed.value)) return undefined
  for (const key of stray.keys) {
    const value = key.includes('.') ? dotted(parsed.value, key) : parsed.value[key]
    if (isPlainObject(value) && Object.keys(value).length > 0) return Object.keys(value).length
  }
  return undefined
}

function dotted(root: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(root, key)) return root[key]
  let value: unknown = root
  for (const part of key.split('.')) value = isPlainObject(value) ? value[part] : undefined
  return value
}

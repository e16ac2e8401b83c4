import path from 'node:path'
import type { Finding } from '../../../shared/findings'
import { finding } from '../../../shared/findings'
import type { ConfigReport, Scope, Transport } from '../../../shared/report'
import type { EngineContext } from '../context'
import { readJsonConfig } from '../config/read'
import {
  invalidEntry,
  isPlainObject,
  serverId,
  stringArray,
  stringMap,
  type NormalizedEntry
} from './entry'
import { launchModelFor } from './launch'
import type { ClientAdapter, Discovery, DiscoverOptions, ServerEntry } from './types'

/**
 * Claude Code (the CLI). User scope: `mcpServers` at the top of `~/.claude.json`; local scope:
 * `projects["<abs path>"].mcpServers` in the same file; project scope: `<project>/.mcp.json`.
 * Source: code.claude.com/docs/en/mcp ("MCP installation scopes") and clients.md §1.
 */
export const claudeCode: ClientAdapter = {
  id: 'claude-code',
  async discover(ctx, options) {
    return discoverClaudeCode(ctx, options)
  }
}

/** `$CLAUDE_CONFIG_DIR/.claude.json` when set, else `~/.claude.json`. */
export function claudeJsonPath(ctx: EngineContext): string {
  const dir = ctx.env.CLAUDE_CONFIG_DIR
  return path.join(dir && dir.length > 0 ? dir : ctx.home, '.claude.json')
}

async function discoverClaudeCode(ctx: EngineContext, options: DiscoverOptions): Promise<Discovery> {
  const configs: ConfigReport[] = []
  const servers: ServerEntry[] = []
  const findings: Finding[] = []

  const userFile = claudeJsonPath(ctx)
  const user = await readJsonConfig(userFile, 'claude-code', 'user', 'json')
  const knownProjects: string[] = []
  if (user.state === 'unusable') findings.push(user.finding)
  if (user.state === 'ok') {
    const root = user.value
    if (isPlainObject(root)) {
      let count = 0
      count += collect(root.mcpServers, 'mcpServers', 'user', userFile, undefined, ctx.cwd)
      if (isPlainObject(root.projects)) {
        for (const [projectPath, project] of Object.entries(root.projects)) {
          knownProjects.push(projectPath)
          if (isPlainObject(project)) {
            const jsonPath = `projects[${JSON.stringify(projectPath)}].mcpServers`
            count += collect(project.mcpServers, jsonPath, 'local', userFile, projectPath, projectPath)
          }
        }
      }
      user.report.servers = count
    } else {
      findings.push(invalidEntry(userFile, '$', 'the file must hold a JSON object'))
    }
  }
  configs.push(user.report)

  const projects = uniquePaths([...(options.projects ?? []), ctx.cwd, ...knownProjects], ctx.cwd)
  for (const project of projects) {
    const file = path.join(project, '.mcp.json')
    const read = await readJsonConfig(file, 'claude-code', 'project', 'json')
    if (read.state === 'missing') continue
    if (read.state === 'unusable') findings.push(read.finding)
    if (read.state === 'ok') {
      if (isPlainObject(read.value)) {
        read.report.servers = collect(read.value.mcpServers, 'mcpServers', 'project', file, project, project)
        if (read.value.mcpServers === undefined && isPlainObject(read.value.servers)) {
          findings.push(
            finding(
              'config-wrong-key',
              'error',
              `${file} uses "servers" instead of "mcpServers"`,
              'Claude Code reads servers only from the "mcpServers" key of .mcp.json; "servers" is the VS Code spelling, so every server in this file is ignored.',
              { evidence: { path: file, key: 'servers' }, fix: { summary: 'Rename the top-level key "servers" to "mcpServers".' } }
            )
          )
        }
      } else findings.push(invalidEntry(file, '$', 'the file must hold a JSON object'))
    }
    configs.push(read.report)
  }

  return { configs, servers, findings, projects }

  function collect(
    block: unknown,
    jsonPath: string,
    scope: Scope,
    file: string,
    project: string | undefined,
    cwd: string
  ): number {
    if (block === undefined) return 0
    if (!isPlainObject(block)) {
      findings.push(invalidEntry(file, jsonPath, 'must be an object of server names to entries'))
      return 0
    }
    let count = 0
    for (const [name, raw] of Object.entries(block)) {
      count++
      const where = `${file} (${jsonPath}.${name})`
      const entry = normalizeClaudeCodeEntry(raw, `${jsonPath}.${name}`, where)
      servers.push({
        id: serverId('claude-code', scope, file, name, project),
        name,
        client: 'claude-code',
        scope,
        configPath: file,
        project,
        raw,
        ...entry,
        launch: launchModelFor('claude-code', ctx, cwd)
      })
    }
    return count
  }
}

const TYPES: Record<string, Transport> = {
  stdio: 'stdio',
  http: 'http',
  'streamable-http': 'http',
  sse: 'sse'
}

/** Reads one `mcpServers.<name>` entry the way Claude Code does. */
export function normalizeClaudeCodeEntry(raw: unknown, jsonPath: string, where: string): NormalizedEntry {
  const findings: Finding[] = []
  if (!isPlainObject(raw)) {
    findings.push(invalidEntry(where, jsonPath, 'an entry must be an object with "command" or "url"'))
    return { transport: 'stdio', findings }
  }
  let transport: Transport
  if (raw.type === undefined) transport = raw.url !== undefined && raw.command === undefined ? 'http' : 'stdio'
  else if (typeof raw.type === 'string' && TYPES[raw.type]) transport = TYPES[raw.type]!
  else {
    findings.push(invalidEntry(where, `${jsonPath}.type`, `unknown type ${JSON.stringify(raw.type)}; use "stdio", "http" or "sse"`))
    transport = raw.url !== undefined ? 'http' : 'stdio'
  }
  const out: NormalizedEntry = { transport, findings }
  if (transport === 'stdio') {
    if (typeof raw.command === 'string' && raw.command.trim().length > 0) out.command = raw.command
    else findings.push(invalidEntry(where, `${jsonPath}.command`, 'a stdio server needs a "command" string'))
    out.args = stringArray(raw.args, `${jsonPath}.args`, where, findings)
    out.env = stringMap(raw.env, `${jsonPath}.env`, where, findings)
  } else {
    if (typeof raw.url === 'string' && raw.url.length > 0) out.url = raw.url
    else findings.push(invalidEntry(where, `${jsonPath}.url`, `a ${transport} server needs a "url" string`))
    out.headers = stringMap(raw.headers, `${jsonPath}.headers`, where, findings)
  }
  return out
}

function uniquePaths(paths: string[], base: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const p of paths) {
    const abs = path.resolve(base, p)
    if (!seen.has(abs)) {
      seen.add(abs)
      out.push(abs)
    }
  }
  return out
}

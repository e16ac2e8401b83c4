import { z } from 'zod'
import type { EngineContext } from '../context'
import { setState } from './effective'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { pathsFor, samePath, systemPath } from './paths'
import { notHome, projectFolders } from './projects'
import { discoverClient, type ClientFile } from './simple'
import type { ClientAdapter } from './types'

const Strings = z.array(z.string())

/**
 * OpenAI Codex: `$CODEX_HOME/config.toml` (default `~/.codex/config.toml`), project
 * `<project>/.codex/config.toml` for trusted projects only (`[projects."<path>"] trust_level =
 * "trusted"`), and `/etc/codex/config.toml`. Servers are `[mcp_servers.<name>]` tables: `command`,
 * `args`, `env`, `env_vars`, `cwd`, or `url` (Streamable HTTP only), `http_headers`,
 * `bearer_token_env_var`; `enabled = false`. No `${VAR}` expansion (openai/codex
 * codex-rs/core/src/config/types.rs; clients.md §8).
 */
export const CODEX_DIALECT: DialectSpec = {
  client: 'codex',
  wrongKeys: { mcpServers: 'the JSON clients\' spelling', 'mcp-servers': 'not a Codex key', mcpservers: 'not a Codex key' },
  urlKeys: [{ key: 'url', transport: 'http' }],
  headersKey: 'http_headers',
  defaultUrlTransport: 'http',
  cwdKey: 'cwd',
  disabled: (raw) => (raw.enabled === false ? 'Turned off in Codex (enabled = false).' : undefined),
  // codex-rs/core/src/config/types.rs (RawMcpServerConfig): serde reads these, and a wrong type fails the whole file
  fields: {
    env_vars: Strings.optional(),
    bearer_token_env_var: z.string().optional(),
    env_http_headers: z.record(z.string(), z.string()).optional(),
    enabled: z.boolean().optional(),
    required: z.boolean().optional(),
    startup_timeout_sec: z.number().nonnegative().optional(),
    startup_timeout_ms: z.number().int().nonnegative().optional(),
    tool_timeout_sec: z.number().nonnegative().optional(),
    enabled_tools: Strings.optional(),
    disabled_tools: Strings.optional(),
    scopes: Strings.optional(),
    oauth_resource: z.string().optional()
  },
  strict: 'Codex refuses to load a config.toml it cannot read, with every server in it.',
  mixed: {
    detail: 'Codex infers the transport from the fields and refuses an entry with both "command" and "url" ("url is not supported for stdio").',
    fix: 'Keep either command/args/env (a local server) or url (a remote one).'
  },
  refine: (raw, check) => {
    if (raw.bearer_token !== undefined) {
      check.report(['bearer_token'], 'error', {
        title: '"{name}" has an inline bearer_token',
        detail: 'Codex rejects an inline bearer_token; it reads the token from the variable named by bearer_token_env_var.',
        fix: 'Move the token into an environment variable and name it in bearer_token_env_var.'
      })
    }
    if (raw.type !== undefined) {
      check.report(['type'], 'warning', {
        title: '"{name}" has a "type" field',
        detail: 'Codex has no "type": it starts a local server when there is a command and speaks Streamable HTTP when there is a url (it has no SSE transport).',
        fix: 'Remove "type".'
      })
    }
  }
}

export function codexPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): { user: string; system?: string } {
  const p = pathsFor(ctx)
  const home = ctx.env.CODEX_HOME || p.join(ctx.home, '.codex')
  return { user: p.join(home, 'config.toml'), system: ctx.platform === 'win32' ? undefined : systemPath(ctx, '/etc/codex/config.toml') }
}

export const codex: ClientAdapter = {
  id: 'codex',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const paths = codexPaths(ctx)
    const p = pathsFor(ctx)
    const rank = { project: 3, local: 3, user: 2, managed: 1 } as const
    const files: ClientFile[] = [
      { scope: 'user', path: paths.user, format: 'toml', container: ['mcp_servers'], listWhenMissing: true, note: 'Codex\'s whole config: MCP Medic edits only [mcp_servers] tables.' },
      ...notHome(ctx, projects).map((project) => ({ scope: 'project' as const, path: p.join(project, '.codex', 'config.toml'), format: 'toml' as const, container: ['mcp_servers'], project })),
      ...(paths.system ? [{ scope: 'managed' as const, path: paths.system, format: 'toml' as const, container: ['mcp_servers'], readOnly: 'system config, managed by your administrator' }] : [])
    ]
    return discoverClient(ctx, {
      client: 'codex',
      dialect: CODEX_DIALECT,
      projects,
      files,
      rank: (s) => rank[s.scope],
      after: (servers, scanned) => {
        const user = scanned.find((f) => f.spec.scope === 'user')?.root
        const trust = isPlainObject(user?.projects) ? user.projects : {}
        for (const server of servers) {
          if (server.scope !== 'project' || !server.project) continue
          const entry = Object.entries(trust).find(([dir]) => samePath(ctx, dir, server.project!))?.[1]
          if (!isPlainObject(entry) || entry.trust_level !== 'trusted') {
            setState(server, 'ignored', `Codex reads ${server.configPath} only for trusted projects, and ${server.project} is not trusted in ${paths.user}.`, {
              severity: 'warning',
              untrusted: true,
              fix: `Trust the project: add [projects."${server.project}"] with trust_level = "trusted" to ${paths.user}, or accept the prompt when Codex starts there.`
            })
          }
        }
      }
    })
  }
}

import { z } from 'zod'
import { readTextIfFile } from '../config/read'
import type { EngineContext } from '../context'
import { finding } from '../../../shared/findings'
import { isActive, setState } from './effective'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { hostPath, pathsFor, samePath, systemPath, windowsFolder } from './paths'
import { notHome, projectFolders } from './projects'
import { getPath } from './scan'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * Gemini CLI: user `~/.gemini/settings.json` (`$GEMINI_CLI_HOME`), workspace
 * `<project>/.gemini/settings.json` (ignored in an untrusted folder when folder trust is on), and
 * the system settings that override both. `httpUrl` is Streamable HTTP, `url` is SSE; `cwd`;
 * `$VAR` / `${VAR}`; `mcp.excluded` / `mcp.allowed`. Comments allowed, trailing commas not
 * (google-gemini/gemini-cli packages/cli/src/config/settings.ts; clients.md §9).
 */
export const GEMINI_DIALECT: DialectSpec = {
  client: 'gemini-cli',
  wrongKeys: { servers: 'the VS Code spelling', mcp_servers: 'the Codex spelling' },
  urlKeys: [{ key: 'httpUrl', transport: 'http' }, { key: 'url', transport: 'sse' }],
  typeKey: 'type',
  types: { http: 'http', sse: 'sse', stdio: 'stdio' },
  defaultUrlTransport: 'sse',
  cwdKey: 'cwd',
  fields: {
    timeout: z.number().nonnegative().optional(),
    trust: z.boolean().optional(),
    includeTools: z.array(z.string()).optional(),
    excludeTools: z.array(z.string()).optional(),
    description: z.string().optional()
  },
  known: ['oauth', 'authProviderType', 'tcp', 'targetAudience', 'targetServiceAccount', 'extensionName']
}

export function geminiPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): { user: string; system: string; trusted: string } {
  const p = pathsFor(ctx)
  const home = ctx.env.GEMINI_CLI_HOME || ctx.home
  const system =
    ctx.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH ||
    (ctx.platform === 'win32'
      ? p.join(windowsFolder(ctx, 'ProgramData'), 'gemini-cli', 'settings.json')
      : ctx.platform === 'darwin'
        ? systemPath(ctx, '/Library/Application Support/GeminiCli/settings.json')
        : systemPath(ctx, '/etc/gemini-cli/settings.json'))
  return { user: p.join(home, '.gemini', 'settings.json'), system, trusted: p.join(home, '.gemini', 'trustedFolders.json') }
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** `~/.gemini/trustedFolders.json` as read once per discovery: folder → trust level (empty when missing or broken). */
async function readTrustRules(ctx: EngineContext, file: string): Promise<Record<string, unknown>> {
  try {
    const rules: unknown = JSON.parse((await readTextIfFile(hostPath(ctx, file))) ?? '')
    return isPlainObject(rules) ? rules : {}
  } catch {
    return {}
  }
}

/** Whether `folder` is trusted by those rules (TRUST_FOLDER / TRUST_PARENT, unless DO_NOT_TRUST names it). */
function isTrusted(ctx: EngineContext, rules: Record<string, unknown>, project: string): boolean {
  const p = pathsFor(ctx)
  let verdict = false
  for (const [folder, level] of Object.entries(rules)) {
    const base = level === 'TRUST_PARENT' ? p.dirname(folder) : folder
    const rel = p.relative(base, project)
    // on Windows, a folder on another drive comes back absolute, not as `..\…`
    const inside = samePath(ctx, base, project) || (!rel.startsWith('..') && !p.isAbsolute(rel))
    if (inside && level === 'DO_NOT_TRUST' && samePath(ctx, folder, project)) return false
    if (inside && (level === 'TRUST_FOLDER' || level === 'TRUST_PARENT')) verdict = true
  }
  return verdict
}

export const geminiCli: ClientAdapter = {
  id: 'gemini-cli',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const paths = geminiPaths(ctx)
    const p = pathsFor(ctx)
    const rank = { managed: 3, project: 2, user: 1, local: 2 } as const
    return discoverClient(ctx, {
      client: 'gemini-cli',
      dialect: GEMINI_DIALECT,
      projects,
      files: [
        { scope: 'user', path: paths.user, format: 'json-comments', listWhenMissing: true },
        ...notHome(ctx, projects).map((project) => ({ scope: 'project' as const, path: p.join(project, '.gemini', 'settings.json'), format: 'json-comments' as const, project })),
        { scope: 'managed', path: paths.system, format: 'json-comments', readOnly: 'system settings, managed by your administrator' }
      ],
      rank: (s) => rank[s.scope],
      after: async (servers, files) => {
        const user = files.find((f) => f.spec.scope === 'user')?.root
        const system = files.find((f) => f.spec.scope === 'managed')?.root
        // Read from Gemini CLI 0.61.0: folder trust is on unless a settings file turns it off, and
        // in an untrusted folder it disables every MCP server, the user-level ones too.
        const setting = [system, user].map((root) => getPath(root, ['security', 'folderTrust', 'enabled']) ?? root?.folderTrust).find((v) => typeof v === 'boolean')
        const trustOn = setting !== false
        const trustFix = (folder: string): string =>
          `Trust the folder: run \`gemini\` in ${folder} and choose "Trust folder", or add "${folder}": "TRUST_FOLDER" to ${paths.trusted}.`
        const rules = trustOn ? await readTrustRules(ctx, paths.trusted) : {}
        // the folder the diagnosis runs for; the home folder and a file-system root (an app opened
        // from the Dock or start menu) say nothing about where the user runs gemini
        const cwd = ctx.cwd
        const cwdUntrusted = trustOn && !samePath(ctx, cwd, ctx.home) && p.dirname(cwd) !== cwd && !isTrusted(ctx, rules, cwd)
        for (const server of servers) {
          if (server.scope === 'project' && trustOn && server.project && !isTrusted(ctx, rules, server.project)) {
            setState(server, 'ignored', `Folder trust is on (the default since Gemini CLI 0.61) and ${server.project} is not a trusted folder, so Gemini CLI does not load its servers.`, {
              severity: 'warning',
              untrusted: true,
              fix: trustFix(server.project)
            })
          } else if (server.scope === 'user' && cwdUntrusted && isActive(server)) {
            server.findings.push(
              finding(
                'client-untrusted-folder',
                'warning',
                `Gemini CLI disables "${server.name}" when started in ${cwd}`,
                `${cwd} is not a trusted folder, and Gemini CLI 0.61 (folder trust on by default) disables every MCP server there, user-level ones too ("MCP servers are configured but disabled because this folder is untrusted"). It still starts in folders you have trusted.`,
                { evidence: { folder: cwd, trustedFolders: paths.trusted, clientVersion: '0.61.0' }, fix: { summary: trustFix(cwd) } }
              )
            )
          }
        }
        for (const file of files) {
          const root = file.root
          const excluded = [...names(getPath(root, ['mcp', 'excluded'])), ...names(root?.excludeMCPServers)]
          const allowed = getPath(root, ['mcp', 'allowed']) ?? root?.allowMCPServers
          for (const server of servers) {
            if (excluded.includes(server.name)) setState(server, 'disabled', `Excluded by mcp.excluded in ${file.spec.path}.`)
            else if (Array.isArray(allowed) && !names(allowed).includes(server.name)) setState(server, 'disabled', `Not in mcp.allowed in ${file.spec.path}: Gemini CLI starts only the servers listed there.`)
          }
        }
      }
    })
  }
}

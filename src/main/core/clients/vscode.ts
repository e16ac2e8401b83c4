import { readdir } from 'node:fs/promises'
import { z } from 'zod'
import type { EngineContext } from '../context'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { appDataDir, hostPath, pathsFor } from './paths'
import { projectFolders } from './projects'
import { discoverClient, type ClientFile } from './simple'
import type { ClientAdapter } from './types'

/**
 * VS Code (Copilot agent mode): the user profile's `mcp.json` (`%APPDATA%\Code\User`,
 * `~/Library/Application Support/Code/User`, `~/.config/Code/User`; other profiles under
 * `User/profiles/<id>/`; Insiders under `Code - Insiders`) and the workspace `.vscode/mcp.json`.
 * Top-level `servers` and `inputs`; `type` stdio | http | sse; `cwd`, `envFile`; `${input:id}`,
 * `${env:VAR}`, `${workspaceFolder}` (clients.md §4). JSON with comments.
 */
export const VSCODE_DIALECT: DialectSpec = {
  client: 'vscode',
  wrongKeys: { mcpServers: 'the spelling of Claude, Cursor and Windsurf', mcp: 'the old settings.json layout', context_servers: 'the Zed spelling' },
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', http: 'http', sse: 'sse' },
  defaultUrlTransport: 'http',
  cwdKey: 'cwd',
  looseEnv: true,
  fields: { envFile: z.string().optional(), dev: z.looseObject({}).optional(), sandboxEnabled: z.boolean().optional() },
  known: ['oauth', 'gallery', 'version']
}

const EDITIONS = ['Code', 'Code - Insiders'] as const

/** The user-level `mcp.json` of each VS Code edition (profiles are found on disk). */
export function vscodeUserPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string[] {
  return EDITIONS.map((edition) => pathsFor(ctx).join(appDataDir(ctx), edition, 'User', 'mcp.json'))
}

async function profileFiles(ctx: EngineContext): Promise<string[]> {
  const p = pathsFor(ctx)
  const out: string[] = []
  for (const edition of EDITIONS) {
    const dir = p.join(appDataDir(ctx), edition, 'User', 'profiles')
    try {
      for (const entry of await readdir(hostPath(ctx, dir), { withFileTypes: true })) if (entry.isDirectory()) out.push(p.join(dir, entry.name, 'mcp.json'))
    } catch {
      // no profiles
    }
  }
  return out
}

export const vscode: ClientAdapter = {
  id: 'vscode',
  async discover(ctx, options) {
    const projects = await projectFolders(ctx, options)
    const p = pathsFor(ctx)
    const [stable, insiders] = vscodeUserPaths(ctx)
    const files: ClientFile[] = [
      { scope: 'user', path: stable!, format: 'jsonc', container: ['servers'], listWhenMissing: true },
      { scope: 'user', path: insiders!, format: 'jsonc', container: ['servers'] },
      ...(await profileFiles(ctx)).map((path) => ({ scope: 'user' as const, path, format: 'jsonc' as const, container: ['servers'], note: 'A VS Code profile: used only while that profile is active.' })),
      ...projects.map((project) => ({ scope: 'project' as const, path: p.join(project, '.vscode', 'mcp.json'), format: 'jsonc' as const, container: ['servers'], project }))
    ]
    return discoverClient(ctx, {
      client: 'vscode',
      dialect: VSCODE_DIALECT,
      projects,
      files,
      after: (servers, scanned) => {
        for (const server of servers) {
          const file = scanned.find((f) => f.spec.path === server.configPath)
          const inputs = Array.isArray(file?.root?.inputs)
            ? file.root.inputs.flatMap((i) => (isPlainObject(i) && typeof i.id === 'string' ? [i.id] : []))
            : []
          server.facts = { checked: false, baseDir: server.launch.cwd, paths: [], inputs }
        }
      }
    })
  }
}

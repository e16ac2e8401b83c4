import { z } from 'zod'
import type { EngineContext } from '../context'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { appDataDir, pathsFor } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

const LEGACY_TYPES: Record<string, string> = { stdio: 'stdio', sse: 'sse', http: 'streamableHttp', streamableHttp: 'streamableHttp' }

/**
 * Cline (VS Code extension `saoudrizwan.claude-dev`): `cline_mcp_settings.json` in the
 * extension's global storage of VS Code (and of Insiders, Cursor, Windsurf, VSCodium when they
 * host it). `type` stdio | sse | streamableHttp (legacy `transportType`); a URL without a type is
 * SSE; `"disabled": true`; `cwd` (clients.md §6, cline/cline src/services/mcp/schemas.ts).
 */
export const CLINE_DIALECT: DialectSpec = {
  client: 'cline',
  wrongKeys: { servers: 'the VS Code spelling' },
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', sse: 'sse', streamableHttp: 'http' },
  defaultUrlTransport: 'sse',
  cwdKey: 'cwd',
  disabled: (raw) => (raw.disabled === true ? 'Turned off in Cline ("disabled": true).' : undefined),
  fields: { autoApprove: z.array(z.string()).optional(), disabled: z.boolean().optional(), timeout: z.number().min(1).optional() },
  known: ['transportType', 'alwaysAllow'],
  strict: 'Cline checks the whole file against its schema and loads none of its servers while one entry is invalid.',
  prepare: (raw) => {
    if (isPlainObject(raw) && raw.type === undefined && typeof raw.transportType === 'string' && LEGACY_TYPES[raw.transportType]) {
      return { raw: { ...raw, type: LEGACY_TYPES[raw.transportType] } }
    }
    return { raw }
  }
}

const HOSTS = ['Code', 'Code - Insiders', 'Cursor', 'Windsurf', 'VSCodium'] as const

/** Cline's settings file inside each editor that can host the extension, VS Code first. */
export function clinePaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string[] {
  const p = pathsFor(ctx)
  return HOSTS.map((host) => p.join(appDataDir(ctx), host, 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'))
}

export const cline: ClientAdapter = {
  id: 'cline',
  async discover(ctx, options) {
    const [first, ...rest] = clinePaths(ctx)
    return discoverClient(ctx, {
      client: 'cline',
      dialect: CLINE_DIALECT,
      projects: await projectFolders(ctx, options),
      files: [
        { scope: 'user', path: first!, format: 'json', listWhenMissing: true },
        ...rest.map((path) => ({ scope: 'user' as const, path, format: 'json' as const }))
      ]
    })
  }
}

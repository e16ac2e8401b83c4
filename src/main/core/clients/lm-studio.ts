import type { EngineContext } from '../context'
import { CURSOR_DIALECT } from './cursor'
import type { DialectSpec } from './normalize'
import { inHome } from './paths'
import { projectFolders } from './projects'
import { discoverClient } from './simple'
import type { ClientAdapter } from './types'

/**
 * LM Studio (0.3.17+): `~/.lmstudio/mcp.json` in Cursor's notation; some macOS installs keep it
 * in `~/.cache/lm-studio/mcp.json` instead (lmstudio-bug-tracker#1371), so both are read.
 */
/** Cursor's notation, in LM Studio's files. */
export const LM_STUDIO_DIALECT: DialectSpec = { ...CURSOR_DIALECT, client: 'lm-studio', wrongKeys: { servers: 'the VS Code spelling' } }

export function lmStudioPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string[] {
  return [inHome(ctx, '.lmstudio', 'mcp.json'), inHome(ctx, '.cache', 'lm-studio', 'mcp.json')]
}

export const lmStudio: ClientAdapter = {
  id: 'lm-studio',
  async discover(ctx, options) {
    const [main, cache] = lmStudioPaths(ctx)
    return discoverClient(ctx, {
      client: 'lm-studio',
      dialect: LM_STUDIO_DIALECT,
      projects: await projectFolders(ctx, options),
      files: [
        { scope: 'user', path: main!, format: 'json', listWhenMissing: true },
        { scope: 'user', path: cache!, format: 'json', note: 'Some LM Studio installs keep mcp.json here instead of ~/.lmstudio.' }
      ]
    })
  }
}

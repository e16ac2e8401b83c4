import type { RuntimeReport } from '../../../shared/report'
import { pathEntries, type EngineContext } from '../context'
import { mapPool } from '../diagnose/pool'
import { knownInstallDirs, type KnownDir } from './known-dirs'
import type { LoginShellResult } from './login-shell'
import { VersionCache } from './versions'
import { which } from './which'

/** The runtimes MCP servers are most often started with. */
export const RUNTIMES = ['node', 'npx', 'npm', 'python3', 'python', 'uv', 'uvx', 'pipx', 'docker', 'bun', 'deno', 'java'] as const

/** At most this many places per runtime get their version asked. */
const MAX_LOCATIONS = 4
/** Version probes running at once. */
const VERSION_CONCURRENCY = 6

export interface DetectOptions {
  loginShell?: LoginShellResult
  versions?: VersionCache
  knownDirs?: KnownDir[]
}

type Location = NonNullable<RuntimeReport['locations']>[number]

/**
 * Every common runtime: whether it is on MCP Medic's own PATH, on the login shell's, or in a
 * known install folder (nvm, volta, pyenv, `~/.local/bin`, Homebrew, …), each place with its
 * version. Version probes run in parallel, each with a short timeout. The first place found is
 * the runtime's `path`/`version`/`where`. Never throws.
 */
export async function detectRuntimes(ctx: EngineContext, options: DetectOptions = {}): Promise<RuntimeReport[]> {
  const versions = options.versions ?? new VersionCache()
  const knownDirs = options.knownDirs ?? (await knownInstallDirs(ctx))
  const appPath = pathEntries(ctx.env, ctx.platform)
  const shellEnv = options.loginShell?.skipped ? undefined : options.loginShell?.env
  const shellPath = shellEnv ? pathEntries(shellEnv, ctx.platform) : undefined
  const whichOptions = { cwd: ctx.cwd, platform: ctx.platform, pathext: ctx.env.PATHEXT }
  const separator = ctx.platform === 'win32' ? ';' : ':'

  const found = await Promise.all(
    RUNTIMES.map(async (name) => {
      const places: (Location & { env: Record<string, string> })[] = []
      const add = (where: Location['where'], file: string | null, env: Record<string, string>, source?: string): void => {
        if (!file || places.some((p) => p.path === file) || places.length >= MAX_LOCATIONS) return
        places.push({ where, path: file, env, ...(source ? { source } : {}) })
      }
      add('app-path', (await which(name, appPath, whichOptions)).path, plainEnv(ctx.env))
      if (shellPath && shellEnv) add('login-shell', (await which(name, shellPath, whichOptions)).path, shellEnv)
      for (const known of knownDirs) {
        const file = (await which(name, [known.dir], whichOptions)).path
        // The folder first on PATH, so a script's `#!/usr/bin/env node` finds that folder's node.
        const env = { ...plainEnv(ctx.env), PATH: [known.dir, ...appPath].join(separator) }
        add('known-dir', file, env, known.source)
      }
      return { name, places }
    })
  )

  const jobs = found.flatMap(({ name, places }) => places.map((place) => ({ name, place })))
  await mapPool(jobs, VERSION_CONCURRENCY, async ({ name, place }) => {
    const result = await versions.get(place.path, name, place.env, ctx.home)
    if (result.version) place.version = result.version
    else if (result.error) place.error = result.error
  })

  return found.map(({ name, places }): RuntimeReport => {
    const locations: Location[] = places.map(({ env: _env, ...place }) => place)
    const first = locations[0]
    if (!first) return { name, found: false, where: 'none', locations: [] }
    return { name, found: true, path: first.path, version: first.version, where: first.where, locations }
  })
}

function plainEnv(env: EngineContext['env']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}

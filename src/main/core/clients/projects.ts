import { readConfig } from '../config/read'
import type { EngineContext } from '../context'
import { claudeJsonPath } from './claude-code'
import { isPlainObject } from './entry'
import { samePath, uniqueProjects } from './paths'
import type { DiscoverOptions } from './types'

const cache = new WeakMap<EngineContext, Map<string, Promise<string[]>>>()

/**
 * The project folders every client's project-scoped files are looked for in: `--project`
 * folders, the current folder, and every project Claude Code's `~/.claude.json` knows. Read once
 * per context and selection. Never throws.
 */
export function projectFolders(ctx: EngineContext, options: DiscoverOptions): Promise<string[]> {
  const key = JSON.stringify(options.projects ?? [])
  let byKey = cache.get(ctx)
  if (!byKey) cache.set(ctx, (byKey = new Map()))
  let found = byKey.get(key)
  if (!found) {
    found = (async () => {
      const read = await readConfig(claudeJsonPath(ctx), 'claude-code', 'user', 'json', ctx)
      const root = read.state === 'ok' ? read.value : undefined
      const known = isPlainObject(root) && isPlainObject(root.projects) ? Object.keys(root.projects) : []
      return uniqueProjects(ctx, [...(options.projects ?? []), ctx.cwd, ...known])
    })()
    byKey.set(key, found)
  }
  return found
}

/** The project folders other than the home folder (whose project files are the user files). */
export function notHome(ctx: EngineContext, projects: readonly string[]): string[] {
  return projects.filter((p) => !samePath(ctx, p, ctx.home))
}

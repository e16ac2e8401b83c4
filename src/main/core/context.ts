import os from 'node:os'

/**
 * Everything the engine reads about the machine it runs on, passed in so tests can describe any
 * machine (another OS, another home, another PATH) without touching the real one.
 */
export interface EngineContext {
  platform: NodeJS.Platform
  arch: string
  release: string
  home: string
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /**
   * addition: MCP Medic itself was started from a terminal (the CLI and the browser face are;
   * the desktop app is not). A terminal client started from that same terminal gets its PATH.
   */
  terminal?: boolean
  /**
   * addition: a folder on this machine that holds the modelled machine's files, laid out by
   * absolute path (`C:\Users\ann\x` at `<fsRoot>/C/Users/ann/x`, `/etc/x` at `<fsRoot>/etc/x`), so
   * a Windows, macOS or Linux machine can be backed by real files on any host (tests). Every file
   * discovery, validation and editing touch goes through `hostPath` (clients/paths.ts); what the
   * engine reports keeps the modelled paths. Unset in production: paths are used as they are.
   */
  fsRoot?: string
}

/** The context of the current process. */
export function currentContext(overrides: Partial<EngineContext> = {}): EngineContext {
  return {
    platform: process.platform,
    arch: process.arch,
    release: os.release(),
    home: os.homedir(),
    cwd: process.cwd(),
    env: process.env,
    terminal: process.versions.electron === undefined,
    ...overrides
  }
}

/** The PATH variable of an environment, split into its entries (Windows spells it `Path`). */
export function pathEntries(env: EngineContext['env'], platform: NodeJS.Platform): string[] {
  const key = platform === 'win32' ? Object.keys(env).find((k) => k.toUpperCase() === 'PATH') : 'PATH'
  const value = key ? env[key] : undefined
  return (value ?? '').split(platform === 'win32' ? ';' : ':').filter((p) => p.length > 0)
}

import type { Finding } from '../../../shared/findings'
import type { ClientId, ConfigReport, EffectiveState, Scope } from '../../../shared/report'
import type { ConfigFormat } from '../config/formats'
import type { EngineContext } from '../context'
import type { NormalizedEntry } from './entry'
import type { EntryFacts } from './facts'

/** How a client starts its stdio servers: the facts a probe needs to start one the same way. */
export interface LaunchModel {
  /** working directory the client gives the server */
  cwd: string
  /** how long the client waits for the server to answer `initialize` */
  timeoutMs: number
  /** where that timeout comes from, in words a user can act on */
  timeoutSetting: string
  /**
   * `sdk-default`: only HOME, LOGNAME, PATH, SHELL, TERM, USER (plus the entry's env), as the
   * TypeScript SDK's stdio transport passes them; `inherit`: the client's whole environment.
   */
  envPolicy: 'sdk-default' | 'inherit'
  /** addition: where the client's own PATH comes from (see `PathFrom`); `process` when absent */
  pathFrom?: PathFrom
  /** addition: folders the client puts in front of that PATH itself (Claude Desktop on macOS) */
  pathPrepend?: string[]
  /** addition: with `sdk-default`, the variables the client passes instead of the SDK's list (Codex) */
  envKeys?: readonly string[]
  /** addition: variables the client sets for every server itself (Claude Code's `CLAUDECODE=1`, …) */
  extraEnv?: Record<string, string>
  /** addition: `append`: the entry's PATH is added after the client's (VS Code); default `replace` */
  entryPath?: 'replace' | 'append'
  /** addition: what kind of program the client is, in words: "a terminal program", "a desktop app" */
  kind?: string
  /** addition: where these facts come from (documentation, source file, observed behaviour) */
  source?: string
}

/**
 * Where a client's PATH comes from. `launchd`: a macOS app started from the Dock or Finder gets
 * launchd's `/usr/bin:/bin:/usr/sbin:/sbin`. `terminal`: a terminal program gets the PATH of the
 * terminal it is started in (the login shell's, for a new terminal). `login-shell`: an editor
 * that reads the login shell's environment at startup (VS Code and its forks, Zed). `process`:
 * the desktop session's PATH on Linux, the user environment on Windows.
 */
export type PathFrom = 'launchd' | 'terminal' | 'login-shell' | 'process'

/** One server entry as a client will read it: the normalized fields plus where it comes from. */
export interface ServerEntry extends NormalizedEntry {
  /** stable across runs: client, scope, file, project and name */
  id: string
  name: string
  client: ClientId
  scope: Scope
  configPath: string
  project?: string
  /** the entry exactly as written in the file */
  raw: unknown
  launch: LaunchModel
  /** addition: whether the client uses this definition (absent: active) */
  effective?: EffectiveState
  /** addition: where the entry sits in its file, for edits */
  location?: EntryLocation
  /** addition: file-system facts about the entry, gathered during discovery for the static rules */
  facts?: EntryFacts
}

/** Where a server entry sits: the file's format and the path of the object holding the servers. */
export interface EntryLocation {
  format: ConfigFormat
  /** keys from the top of the file to the servers object, e.g. ["projects", "/abs", "mcpServers"] */
  container: string[]
  /** why MCP Medic will not edit it, when it will not */
  readOnly?: string
  /** where the entry starts in the file (1-based), when known */
  position?: { line: number; column: number }
}

export interface Discovery {
  configs: ConfigReport[]
  servers: ServerEntry[]
  /** findings that belong to no single server, such as a file that does not parse */
  findings: Finding[]
  /** project folders that were searched */
  projects: string[]
}

export interface DiscoverOptions {
  /** extra project folders to search, besides the current folder and the ones the client knows */
  projects?: string[]
}

/** One MCP client: where its files are and how it reads them. */
export interface ClientAdapter {
  id: ClientId
  discover(ctx: EngineContext, options: DiscoverOptions): Promise<Discovery>
}

import type { Finding } from '../../../shared/findings'
import type { ClientId, ConfigReport, EffectiveState, Scope, Transport } from '../../../shared/report'
import type { ConfigFormat } from '../config/formats'
import type { EngineContext } from '../context'
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
}

/** One server entry as a client will read it. */
export interface ServerEntry {
  /** stable across runs: client, scope, file, project and name */
  id: string
  name: string
  client: ClientId
  scope: Scope
  configPath: string
  project?: string
  /** the entry exactly as written in the file */
  raw: unknown
  transport: Transport
  command?: string
  args?: string[]
  env?: Record<string, string>
  url?: string
  headers?: Record<string, string>
  cwd?: string
  /** what reading the entry itself revealed (schema problems and the like) */
  findings: Finding[]
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

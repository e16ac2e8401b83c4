import type { Finding } from '../../../shared/findings'
import type { ClientId, ConfigReport, Scope, Transport } from '../../../shared/report'
import type { EngineContext } from '../context'

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

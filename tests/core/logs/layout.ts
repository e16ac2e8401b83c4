import { mkdtemp, readFile, rm, utimes } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { claudeJsonPath } from '../../../src/main/core/clients/claude-code'
import { claudeDesktopConfigPath } from '../../../src/main/core/clients/claude-desktop'
import { codexPaths } from '../../../src/main/core/clients/codex'
import { cursorUserPath } from '../../../src/main/core/clients/cursor'
import { hostPath, pathsFor } from '../../../src/main/core/clients/paths'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { vscodeUserPaths } from '../../../src/main/core/clients/vscode'
import { windsurfPaths } from '../../../src/main/core/clients/windsurf'
import { zedUserPath } from '../../../src/main/core/clients/zed'
import type { EngineContext } from '../../../src/main/core/context'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import type { LogServiceDeps } from '../../../src/main/core/logs/service'
import type { ClientId } from '../../../src/shared/report'
import { putModelled } from '../../fixtures/configs/install'
import { modelledMachine, type Os } from '../../fixtures/configs/machines'
import { FIXTURES } from '../../helpers/home'

/**
 * A modelled machine (Windows, macOS or Linux, backed by real files under a temp folder) with
 * client configs and client log files laid out where the clients write them. Log samples come
 * from tests/fixtures/logs, their timestamps moved so that the newest is `agoMs` before now.
 */
export interface LogMachine {
  ctx: EngineContext
  root: string
  project: string
  /** writes a file of the modelled machine; `mtime` sets its modification time */
  put(file: string, text: string, mtime?: Date): Promise<string>
  /** a log sample with its timestamps moved */
  sample(name: string, agoMs?: number): Promise<string>
  entry(client: ClientId, name: string): Promise<ServerEntry>
  deps: LogServiceDeps
  cleanup(): Promise<void>
}

export const SAMPLES = path.join(FIXTURES, 'logs')

/** The same few servers for every client: weather (broken), github (healthy), git (broken, a name inside another). */
const SERVERS = { weather: { command: 'uvx', args: ['weather-mcp', '--api-key', 'wk_live_4f9a8c7d6e5b'] }, github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }, git: { command: 'uvx', args: ['mcp-server-git'] } }

export async function logMachine(osName: Os): Promise<LogMachine> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-logs-'))
  const ctx = modelledMachine(osName, root)
  const p = pathsFor(ctx)
  const project = p.join(ctx.home, 'work', 'app')
  const put = async (file: string, text: string, mtime?: Date): Promise<string> => {
    const onHost = await putModelled(ctx, file, text)
    if (mtime) await utimes(onHost, mtime, mtime)
    return onHost
  }
  await put(claudeJsonPath(ctx), JSON.stringify({ mcpServers: { ...SERVERS, broken: SERVERS.weather, healthy: SERVERS.github, 'my.srv': SERVERS.git }, projects: { [project]: { hasTrustDialogAccepted: true, mcpServers: { localone: SERVERS.git } } } }))
  await put(claudeDesktopConfigPath(ctx), JSON.stringify({ mcpServers: { ...SERVERS, notes: SERVERS.git, memory: SERVERS.git } }))
  await put(vscodeUserPaths(ctx)[0]!, JSON.stringify({ servers: SERVERS }))
  await put(p.join(project, '.vscode', 'mcp.json'), JSON.stringify({ servers: { weather: SERVERS.weather } }))
  await put(cursorUserPath(ctx), JSON.stringify({ mcpServers: SERVERS }))
  await put(windsurfPaths(ctx).editor, JSON.stringify({ mcpServers: SERVERS }))
  await put(codexPaths(ctx).user, '[mcp_servers.weather]\ncommand = "uvx"\nargs = ["weather-mcp"]\n\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs-mcp"]\n')
  await put(zedUserPath(ctx), JSON.stringify({ context_servers: { weather: { command: 'uvx', args: ['weather-mcp'] } } }))
  const deps: LogServiceDeps = { discover: discoverAll, projects: [project] }
  return {
    ctx,
    root,
    project,
    put,
    sample: async (name, agoMs = 5 * 60_000) => shiftTimes(await readFile(path.join(SAMPLES, name), 'utf8'), Date.now() - agoMs),
    async entry(client, name) {
      const found = (await discoverAll(ctx, { projects: [project] })).servers.filter((s) => s.client === client && s.name === name)
      const entry = found.find((s) => s.scope === 'user') ?? found[0]
      if (!entry) throw new Error(`no ${client} server ${name}`)
      return entry
    },
    deps,
    cleanup: () => rm(root, { recursive: true, force: true })
  }
}

/** Where a modelled file is on this machine. */
export function onHost(ctx: EngineContext, file: string): string {
  return hostPath(ctx, file)
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g
const LOCAL = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}/g

/**
 * Moves every timestamp in a sample (ISO in UTC, and editors' local `YYYY-MM-DD HH:MM:SS.mmm`) by
 * the same amount, so that the newest becomes `newest`: the lines keep their order and spacing.
 */
export function shiftTimes(text: string, newest: number): string {
  const stamps = [...text.matchAll(ISO)].map((m) => Date.parse(m[0])).concat([...text.matchAll(LOCAL)].map((m) => Date.parse(m[0].replace(' ', 'T'))))
  if (stamps.length === 0) return text
  const delta = newest - Math.max(...stamps)
  const local = (ms: number): string => {
    const d = new Date(ms)
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  }
  return text
    .replace(ISO, (m) => new Date(Date.parse(m) + delta).toISOString())
    .replace(LOCAL, (m) => local(Date.parse(m.replace(' ', 'T')) + delta))
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listServerLogs } from '../../../src/main/core/logs/service'
import type { ClientId } from '../../../src/shared/report'
import type { Os } from '../../fixtures/configs/machines'
import { logMachine, type LogMachine } from './layout'

/*
 * Each client's log files for one server, on a modelled Windows, macOS and Linux machine backed by
 * real files: the expected paths are written out by hand from what the clients do (Claude Code
 * 2.1.197 observed, the others from their docs and issues: src/main/core/logs/locate.ts), so a
 * wrong computed folder fails here instead of being followed by the test.
 */

const HOME: Record<Os, string> = { linux: '/home/ann', darwin: '/Users/ann', win32: 'C:\\Users\\ann' }
const SEP: Record<Os, string> = { linux: '/', darwin: '/', win32: '\\' }
const join = (os: Os, ...parts: string[]): string => parts.join(SEP[os])

/** Per OS: the app-data folder, Claude Code's cache, Claude Desktop's log folder. */
const DIRS: Record<Os, { appData: string; ccCache: string; desktop: string; slug: string }> = {
  linux: { appData: '/home/ann/.config', ccCache: '/home/ann/.cache/claude-cli-nodejs', desktop: '/home/ann/.config/Claude/logs', slug: '-home-ann-work-app' },
  darwin: {
    appData: '/Users/ann/Library/Application Support',
    ccCache: '/Users/ann/Library/Caches/claude-cli-nodejs',
    desktop: '/Users/ann/Library/Logs/Claude',
    slug: '-Users-ann-work-app'
  },
  win32: {
    appData: 'C:\\Users\\ann\\AppData\\Roaming',
    ccCache: 'C:\\Users\\ann\\AppData\\Local\\claude-cli-nodejs\\Cache',
    desktop: 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\logs',
    slug: 'C--Users-ann-work-app'
  }
}

const SESSION = '20250705T222700'
const OLD_SESSION = '20250101T090000'

for (const os of ['linux', 'darwin', 'win32'] as Os[]) {
  describe(`client log files on a modelled ${os} machine`, () => {
    let m: LogMachine
    const d = DIRS[os]
    const expected: Partial<Record<ClientId, { name: string; files: [string, string, boolean][] }>> = {}
    beforeAll(async () => {
      m = await logMachine(os)
      const stamp = new Date(Date.now() - 60_000).toISOString().replace(/[:.]/g, '-')
      const cc = join(os, d.ccCache, d.slug, 'mcp-logs-broken', `${stamp}.jsonl`)
      const ccOther = join(os, d.ccCache, '-elsewhere', 'mcp-logs-broken', `${stamp}.jsonl`)
      const ccDot = join(os, d.ccCache, d.slug, 'mcp-logs-my-srv', `${stamp}.jsonl`)
      const debug = join(os, HOME[os], '.claude', 'debug', 'edc182fc-a1a8-49ad-a0b8-fb5854aadc62.txt')
      await m.put(cc, await m.sample('claude-code/broken-failed.jsonl'))
      await m.put(ccOther, await m.sample('claude-code/broken-failed.jsonl', 3 * 3600_000), new Date(Date.now() - 3 * 3600_000))
      await m.put(ccDot, await m.sample('claude-code/token-in-stderr.jsonl'))
      await m.put(debug, await m.sample('claude-code/debug-session.txt'))
      await m.put(join(os, HOME[os], '.claude', 'debug', 'unrelated.txt'), '2025-01-01T00:00:00.000Z [DEBUG] nothing about servers\n')
      expected['claude-code'] = { name: 'broken', files: [[cc, 'server', true], [ccOther, 'server', true], [debug, 'debug', false]] }

      const desktop = os === 'win32' ? 'C:\\Users\\ann\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\logs' : d.desktop
      await m.put(join(os, desktop, 'mcp-server-weather.log'), await m.sample('claude-desktop/mcp-server-weather.log'))
      await m.put(join(os, desktop, 'mcp.log'), await m.sample('claude-desktop/mcp.log'))
      await m.put(join(os, desktop, 'mcp-server-weather-2.log'), 'another server whose name starts the same\n')
      await m.put(join(os, desktop, 'main.log'), 'not an MCP log\n')
      expected['claude-desktop'] = { name: 'weather', files: [[join(os, desktop, 'mcp-server-weather.log'), 'server', true], [join(os, desktop, 'mcp.log'), 'client', false]] }

      const vs = (session: string, file: string): string => join(os, d.appData, 'Code', 'logs', session, 'window1', file)
      await m.put(vs(SESSION, 'mcpServer.mcp.config.usrlocal.weather.log'), await m.sample('editors/vscode-mcpServer-failed.log'))
      await m.put(vs(SESSION, 'mcpServer.mcp.config.ws0.weather.log'), await m.sample('editors/vscode-mcpServer-failed.log'))
      await m.put(vs(SESSION, 'mcpServer.mcp.config.usrlocal.a.weather.log'), 'a server named a.weather\n')
      await m.put(vs(OLD_SESSION, 'mcpServer.mcp.config.usrlocal.weather.log'), await m.sample('editors/vscode-mcpServer-running.log', 86400_000 * 30))
      const channel = join(os, d.appData, 'Code', 'logs', SESSION, 'window1', 'exthost', 'output_logging_20250705T222701', '4-Some MCP Bridge.log')
      await m.put(channel, '2025-07-05 22:27:18.000 [error] MCP server "weather" could not be reached\n')
      await m.put(join(os, d.appData, 'Code', 'logs', SESSION, 'window1', 'exthost', 'output_logging_20250705T222701', '5-Git.log'), 'weather is fine\n')
      expected.vscode = {
        name: 'weather',
        files: [[vs(SESSION, 'mcpServer.mcp.config.usrlocal.weather.log'), 'server', true], [vs(OLD_SESSION, 'mcpServer.mcp.config.usrlocal.weather.log'), 'server', true], [channel, 'window', false]]
      }

      const cursorDir = join(os, d.appData, 'Cursor', 'logs', SESSION, 'window2', 'exthost', 'anysphere.cursor-mcp')
      await m.put(join(os, cursorDir, 'MCP user-weather.log'), await m.sample('editors/cursor-MCP-user.log'))
      await m.put(join(os, cursorDir, 'MCP user-github.log'), 'github\n')
      expected.cursor = { name: 'weather', files: [[join(os, cursorDir, 'MCP user-weather.log'), 'server', true]] }

      const windsurf = join(os, d.appData, 'Windsurf', 'logs', SESSION, 'window1', 'exthost', 'codeium.windsurf', 'Windsurf.log')
      await m.put(windsurf, await m.sample('editors/windsurf.log'))
      expected.windsurf = { name: 'weather', files: [[windsurf, 'window', false]] }

      const codex = join(os, HOME[os], '.codex', 'log', 'codex-tui.log')
      await m.put(codex, await m.sample('other/codex-tui.log'))
      expected.codex = { name: 'weather', files: [[codex, 'client', false]] }
    })
    afterAll(() => m.cleanup())

    for (const client of ['claude-code', 'claude-desktop', 'vscode', 'cursor', 'windsurf', 'codex'] as ClientId[]) {
      it(`finds ${client}'s files for the server, and only those`, async () => {
        const want = expected[client]!
        const entry = await m.entry(client, want.name)
        const list = await listServerLogs(m.ctx, entry.id, m.deps)
        expect(list.files.map((f) => [f.path, f.kind, f.forServer]).sort()).toEqual([...want.files].sort())
        for (const f of list.files) {
          expect(f.id).toMatch(/^[0-9a-f]{24}$/)
          expect(f.id).not.toContain(f.path)
          expect(f.client).toBe(client)
        }
        expect(list.notes.length).toBeGreaterThan(0)
        expect(list.folders.length).toBeGreaterThan(0)
        for (const folder of list.folders) expect(folder.huge).toBe(false)
      })
    }

    it("gives a VS Code workspace server the workspace's log, not the user server's of the same name", async () => {
      const workspace = (await (await import('../../../src/main/core/diagnose/run')).discoverAll(m.ctx, { projects: [m.project] })).servers.find(
        (s) => s.client === 'vscode' && s.scope === 'project' && s.name === 'weather'
      )!
      const list = await listServerLogs(m.ctx, workspace.id, m.deps)
      expect(list.files.filter((f) => f.forServer).map((f) => f.path)).toEqual([join(os, d.appData, 'Code', 'logs', SESSION, 'window1', 'mcpServer.mcp.config.ws0.weather.log')])
    })

    it('keeps a local Claude Code server to the logs of its own project folder (and folders below it)', async () => {
      const stamp = '2025-07-05T22-27-00-000Z.jsonl'
      const mine = join(os, d.ccCache, d.slug, 'mcp-logs-localone', stamp)
      const below = join(os, d.ccCache, `${d.slug}-sub`, 'mcp-logs-localone', stamp)
      await m.put(mine, await m.sample('claude-code/broken-failed.jsonl'))
      await m.put(below, await m.sample('claude-code/broken-failed.jsonl'))
      await m.put(join(os, d.ccCache, '-elsewhere', 'mcp-logs-localone', stamp), await m.sample('claude-code/broken-failed.jsonl'))
      const local = (await (await import('../../../src/main/core/diagnose/run')).discoverAll(m.ctx, { projects: [m.project] })).servers.find((s) => s.name === 'localone')!
      expect(local.scope).toBe('local')
      const list = await listServerLogs(m.ctx, local.id, m.deps)
      expect(list.files.filter((f) => f.forServer).map((f) => f.path).sort()).toEqual([mine, below].sort())
    })

    it('names a server with characters outside [A-Za-z0-9] as Claude Code does (my.srv → mcp-logs-my-srv)', async () => {
      const entry = await m.entry('claude-code', 'my.srv')
      const list = await listServerLogs(m.ctx, entry.id, m.deps)
      expect(list.files.filter((f) => f.forServer).map((f) => f.path)).toEqual([expect.stringContaining(join(os, d.slug, 'mcp-logs-my-srv'))])
    })

    it('says where a client without log files would write them, and how to see more', async () => {
      const gemini = await logMachine(os)
      try {
        await gemini.put(join(os, HOME[os], '.gemini', 'settings.json'), JSON.stringify({ mcpServers: { weather: { command: 'uvx' } } }))
        const list = await listServerLogs(gemini.ctx, (await gemini.entry('gemini-cli', 'weather')).id, gemini.deps)
        expect(list.files).toEqual([])
        expect(list.notes.join('\n')).toMatch(/Gemini CLI writes no log file for MCP servers.*--debug/)
        const desktop = await listServerLogs(gemini.ctx, (await gemini.entry('claude-desktop', 'weather')).id, gemini.deps)
        expect(desktop.files).toEqual([])
        expect(desktop.notes.join('\n')).toContain(`No log of this server yet. Claude Desktop writes the server's stderr to ${join(os, d.desktop, 'mcp-server-weather.log')}`)
      } finally {
        await gemini.cleanup()
      }
    })
  })
}

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hostPath } from '../../../src/main/core/clients/paths'
import type { EngineContext } from '../../../src/main/core/context'
import { putModelled } from '../../fixtures/configs/install'
import { modelledMachine } from '../../fixtures/configs/machines'
import { makeHome, type TempHome } from '../../helpers/home'
import { engine, primary, server } from './helpers'

/**
 * Windows fixes on a modelled Windows machine backed by real files: `cmd /c` in front of an npx
 * shim, and a command line split by the Windows rules (backslashes are path separators). The
 * engine cannot start Windows programs here, so the re-test shows the finding gone, not a
 * connection.
 */

const CLAUDE_JSON = 'C:\\Users\\ann\\.claude.json'
let t: TempHome
let ctx: EngineContext
beforeEach(async () => {
  t = await makeHome()
  ctx = modelledMachine('win32', path.join(t.home, 'machine'))
})
afterEach(async () => {
  await t.cleanup()
})

describe('fixes on a modelled Windows machine', () => {
  it('wraps npx in cmd /c and splits a Windows command line, keeping CRLF and backslashes', async () => {
    const text = [
      '{',
      '  "mcpServers": {',
      '    "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\ann\\\\Documents"] },',
      '    "line": { "command": "\\"C:\\\\Program Files\\\\nodejs\\\\node.exe\\" C:\\\\srv\\\\index.js --port 3000" }',
      '  }',
      '}',
      ''
    ].join('\r\n')
    const onHost = await putModelled(ctx, CLAUDE_JSON, text)
    // a program path with a space is one path when the program is there
    await putModelled(ctx, 'C:\\Program Files\\nodejs\\node.exe', 'MZ')
    expect(onHost).toBe(hostPath(ctx, CLAUDE_JSON))
    const e = engine(t, () => ctx)
    const report = await e.call('diagnose:run', { clients: ['claude-code'], probe: false })

    const fs = server(report, 'fs')
    const wrap = primary(fs, 'windows-cmd-wrapper-needed')
    const preview = await e.call('fix:preview', { serverId: fs.id, actionId: wrap.id })
    expect(preview.configPath).toBe(CLAUDE_JSON)
    const applied = await e.call('fix:apply', { serverId: fs.id, actionId: wrap.id, expectedHash: preview.expectedHash })
    const wrapped = await readFile(onHost, 'utf8')
    expect(JSON.parse(wrapped).mcpServers.fs).toEqual({ command: 'cmd', args: ['/c', 'npx', '-y', '@modelcontextprotocol/server-filesystem', 'C:\\Users\\ann\\Documents'] })
    expect(wrapped.replaceAll('\r\n', '')).not.toContain('\n')
    expect(applied.before.codes).toContain('windows-cmd-wrapper-needed')
    expect(applied.after.codes).not.toContain('windows-cmd-wrapper-needed')
    await e.call('fix:undo', { backupId: applied.backupId!, serverId: applied.serverId })
    expect(await readFile(onHost, 'utf8')).toBe(text)

    const line = server(report, 'line')
    const split = primary(line, 'command-contains-args')
    const done = await e.call('fix:apply', { serverId: line.id, actionId: split.id })
    expect(JSON.parse(await readFile(onHost, 'utf8')).mcpServers.line).toEqual({ command: 'C:\\Program Files\\nodejs\\node.exe', args: ['C:\\srv\\index.js', '--port', '3000'] })
    expect(done.after.codes).not.toContain('command-contains-args')
    await e.call('fix:undo', { backupId: done.backupId!, serverId: done.serverId })
    expect(await readFile(onHost, 'utf8')).toBe(text)
  })
})

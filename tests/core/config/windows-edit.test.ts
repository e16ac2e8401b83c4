import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseConfigText } from '../../../src/main/core/config/formats'
import { editConfig, editHistory, undoEdit } from '../../../src/main/core/config/service'
import type { EngineContext } from '../../../src/main/core/context'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { AppError } from '../../../src/shared/contract'
import { corpusText, putModelled } from '../../fixtures/configs/install'
import { modelledMachine } from '../../fixtures/configs/machines'
import { makeHome, type TempHome } from '../../helpers/home'
import { changedRegion, spanOf } from './span'

/*
 * An edit and its undo through the config service, on a Windows machine backed by real files:
 * Claude Desktop's %APPDATA%\Claude\claude_desktop_config.json, written with CRLF line endings as
 * Windows editors write it.
 */

const FILE = 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json'

let t: TempHome
let root: string
let ctx: EngineContext
let onHost: string
beforeEach(async () => {
  t = await makeHome()
  root = path.join(t.home, 'machine')
  ctx = modelledMachine('win32', root)
  const text = (await corpusText('claude_desktop_config.json', { home: ctx.home, project: 'C:\\Users\\ann\\work\\app' })).replaceAll('\n', '\r\n')
  onHost = await putModelled(ctx, FILE, text)
})
afterEach(async () => {
  await t.cleanup()
})

async function filesystemServer() {
  const s = (await discoverAll(ctx, { clients: ['claude-desktop'] })).servers.find((x) => x.name === 'filesystem')
  if (!s) throw new Error('no filesystem server')
  return s
}

describe('editing a config file of a modelled Windows machine', () => {
  it('sets an env var in a CRLF file, keeps CRLF and every other byte, backs it up in %APPDATA%\\MCP Medic, and undo restores it', async () => {
    expect(onHost).toBe(path.join(root, 'C', 'Users', 'ann', 'AppData', 'Roaming', 'Claude', 'claude_desktop_config.json'))
    const before = await readFile(onHost, 'utf8')
    expect(before).toContain('"C:\\\\Users\\\\ann/Documents"')
    const s = await filesystemServer()
    expect(s.configPath).toBe(FILE)

    // clients.md: Claude Desktop on Windows needs the literal APPDATA value when a server reads ${APPDATA}
    const result = await editConfig(ctx, { serverId: s.id, op: { op: 'set-env', key: 'APPDATA', value: 'C:\\Users\\ann\\AppData\\Roaming' } }, { discover: discoverAll })
    expect(result).toMatchObject({ configPath: FILE, serverId: s.id })

    const after = await readFile(onHost, 'utf8')
    expect(after.split('\r\n').length).toBeGreaterThan(before.split('\r\n').length)
    expect(after.replaceAll('\r\n', '')).not.toContain('\n')
    const span = spanOf(before, 'json', ['mcpServers', 'filesystem'])!
    const region = changedRegion(before, after)!
    expect(region.start).toBeGreaterThanOrEqual(span[0])
    expect(region.endBefore).toBeLessThanOrEqual(span[1])
    const parsed = parseConfigText(after, 'json')
    expect(parsed.ok && (parsed.value as { mcpServers: { filesystem: { env: unknown } } }).mcpServers.filesystem.env).toEqual({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' })
    expect((await filesystemServer()).env).toEqual({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' })

    // the backup went to the modelled machine's MCP Medic folder, under the root, and nowhere else
    const backups = path.join(root, 'C', 'Users', 'ann', 'AppData', 'Roaming', 'MCP Medic', 'backups')
    expect((await readdir(backups)).sort()).toEqual([`${result.backupId}.bak`, `${result.backupId}.json`])
    expect(await readFile(path.join(backups, `${result.backupId}.bak`), 'utf8')).toBe(before)
    expect(await readdir(path.dirname(onHost))).toEqual(['claude_desktop_config.json'])
    expect(existsSync(path.resolve('C:\\Users\\ann'))).toBe(false)
    expect((await editHistory(ctx))[0]).toMatchObject({ id: result.backupId, path: FILE })

    const undone = await undoEdit(ctx, result.backupId)
    expect(undone.configPath).toBe(FILE)
    expect(await readFile(onHost, 'utf8')).toBe(before)
    await expect(undoEdit(ctx, result.backupId)).rejects.toThrow(/already undone/)
  })

  it('refuses an edit and an undo over a file that changed on disk, naming the Windows path', async () => {
    const s = await filesystemServer()
    const config = (await discoverAll(ctx, { clients: ['claude-desktop'] })).configs.find((c) => c.path === FILE)!
    const changed = (await readFile(onHost, 'utf8')).replace('"off"', '"on"')
    await writeFile(onHost, changed)
    const refused = await editConfig(ctx, { serverId: s.id, expectedHash: config.hash, op: { op: 'remove-server' } }, { discover: discoverAll }).catch((e: AppError) => e)
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringContaining(`${FILE} changed on disk`) })
    expect(await readFile(onHost, 'utf8')).toBe(changed)

    const result = await editConfig(ctx, { serverId: s.id, op: { op: 'remove-server' } }, { discover: discoverAll })
    const edited = await readFile(onHost, 'utf8')
    expect(edited).not.toContain('"filesystem"')
    await writeFile(onHost, edited.replace('notes.example.com', 'notes2.example.com'))
    const undo = await undoEdit(ctx, result.backupId).catch((e: AppError) => e)
    expect(undo).toMatchObject({ code: 'conflict', message: expect.stringContaining(FILE) })
    expect(await readFile(onHost, 'utf8')).toContain('notes2.example.com')
  })
})

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'rolldown'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseConfigText } from '../../../src/main/core/config/formats'
import { contentHash } from '../../../src/main/core/config/read'
import { ChangedOnDiskError, listBackups, safeWrite } from '../../../src/main/core/config/write'
import { editYamlText } from '../../../src/main/core/config/yaml-edit'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

const ORIGINAL = '{\n  // keep me\n  "mcpServers": { "a": { "command": "x" } }\n}\n'
const NEXT = '{\n  // keep me\n  "mcpServers": { "a": { "command": "y" } }\n}\n'
/** A Goose config and the real YAML editor's result of turning its extension off. */
const YAML_ORIGINAL = '# keep me\nextensions:\n  fetch:\n    name: fetch\n    type: stdio\n    enabled: true\n    cmd: uvx\n    args: [mcp-server-fetch]\n'
const YAML_NEXT = editYamlText(YAML_ORIGINAL, [{ kind: 'set', path: ['extensions', 'fetch', 'enabled'], value: false }])
const CASES: [string, string, 'jsonc' | 'yaml', string, string][] = [
  ['a JSON file', '.cursor/mcp.json', 'jsonc', ORIGINAL, NEXT],
  ['a YAML file', '.config/goose/config.yaml', 'yaml', YAML_ORIGINAL, YAML_NEXT]
]

async function waitFor(file: string, ms: number, alive: () => boolean): Promise<string> {
  const until = Date.now() + ms
  while (Date.now() < until && alive()) {
    if (existsSync(file)) {
      const text = await readFile(file, 'utf8')
      if (text.length > 0) return text
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${file} never appeared`)
}

describe('safeWrite', () => {
  it('the YAML case writes what the editor made of the file', () => {
    expect(YAML_NEXT).toBe(YAML_ORIGINAL.replace('enabled: true', 'enabled: false'))
  })

  it.each(CASES)('an interrupted write of %s (the process killed between temp file and rename) leaves the original intact', async (_what, relative, format, original, next) => {
    // bundled into node_modules/.cache so its dependencies resolve from the project
    const child = path.resolve(__dirname, '../../../node_modules/.cache/mcp-medic-tests', `writer-child-${process.pid}.cjs`)
    await build({ input: path.join(__dirname, 'writer-child.ts'), platform: 'node', external: [/^[^./]/], output: { file: child, format: 'cjs' }, logLevel: 'silent' })
    const file = await t.write(relative, original)
    const marker = path.join(t.home, 'marker')
    const dataDir = path.join(t.home, 'data')
    const proc = spawn(process.execPath, [child, file, dataDir, marker, contentHash(original)], { stdio: ['pipe', 'ignore', 'inherit'] })
    let running = true
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.once('exit', (_code, signal) => {
        running = false
        resolve(signal)
      })
    )
    proc.stdin.end(next)
    let temp: string
    try {
      temp = await waitFor(marker, 20_000, () => running)
      // the temp file is complete and synced, the rename has not happened: kill it now
      expect(await readFile(temp, 'utf8')).toBe(next)
    } finally {
      proc.kill('SIGKILL')
    }
    expect(await exited).toBe('SIGKILL')

    expect(await readFile(file, 'utf8')).toBe(original)
    expect(parseConfigText(await readFile(file, 'utf8'), format).ok).toBe(true)
    // the backup was taken before anything else
    const [record] = await listBackups(dataDir)
    expect(record).toMatchObject({ path: file, hashBefore: contentHash(original), hashAfter: contentHash(next) })
    expect(await readFile(path.join(dataDir, 'backups', `${record!.id}.bak`), 'utf8')).toBe(original)
    // and the next write still works
    await safeWrite(file, next, { expectedHash: contentHash(original), dataDir, summary: 'again' })
    expect(await readFile(file, 'utf8')).toBe(next)
    await rm(child, { force: true })
  })

  it('refuses when the file changes between reading and writing, removing its temp file', async () => {
    const file = await t.write('cfg.json', ORIGINAL)
    const dataDir = path.join(t.home, 'data')
    const other = ORIGINAL.replace('"x"', '"someone else"')
    const write = safeWrite(file, NEXT, {
      expectedHash: contentHash(ORIGINAL),
      dataDir,
      summary: 'race',
      beforeRename: async () => {
        await writeFile(file, other)
      }
    })
    await expect(write).rejects.toBeInstanceOf(ChangedOnDiskError)
    expect(await readFile(file, 'utf8')).toBe(other)
    expect((await readdir(t.home)).filter((n) => n.includes('.tmp'))).toEqual([])
  })

  it('refuses a stale expected hash up front', async () => {
    const file = await t.write('cfg.json', ORIGINAL)
    await expect(safeWrite(file, NEXT, { expectedHash: contentHash('something else'), dataDir: path.join(t.home, 'd'), summary: 'x' })).rejects.toThrow(/changed on disk/)
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL)
  })
})

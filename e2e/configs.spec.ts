import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { currentContext } from '../src/main/core/context'
import { ReportSchema } from '../src/shared/report'
import { installCorpus, userFiles } from '../tests/fixtures/configs/install'
import { CLI, userEnv } from './helpers'

const REQUIRED = ['claude-code', 'claude-desktop', 'cursor', 'vscode', 'windsurf', 'gemini-cli', 'codex', 'cline', 'zed']

test('diagnose --json lists every server of every client with scope, file and effective state, and broken files with line and column', async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-configs-'))
  try {
    const ctx = currentContext({ platform: 'linux', home, env: { HOME: home } })
    const { project } = await installCorpus(ctx)
    const files = userFiles(ctx)
    // two broken files of the optional clients: a trailing comma in LM Studio's JSON, a bad indent in Goose's YAML
    await writeFile(files['lmstudio-mcp.json']!, '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}\n')
    await writeFile(files['goose-config.yaml']!, 'extensions:\n  fetch:\n    cmd: uvx\n   args: [x]\n')

    const result = spawnSync(process.execPath, [CLI, 'diagnose', '--json', '--no-probe'], { cwd: project, env: userEnv(home), encoding: 'utf8', timeout: 60_000 })
    expect(result.stderr).toBe('')
    const report = ReportSchema.parse(JSON.parse(result.stdout))

    const clients = new Set(report.servers.map((s) => s.client))
    for (const client of REQUIRED) expect(clients, client).toContain(client)
    for (const server of report.servers) {
      expect(server.client).toBeTruthy()
      expect(server.scope).toMatch(/^(user|project|local|managed)$/)
      expect(server.configPath.startsWith(home)).toBe(true)
      expect(server.effective?.state, server.id).toMatch(/^(active|shadowed|disabled|unapproved|ignored)$/)
      expect(server.effective?.reason.length, server.id).toBeGreaterThan(0)
    }
    const state = (client: string, scope: string, name: string) => report.servers.find((s) => s.client === client && s.scope === scope && s.name === name)?.effective?.state
    expect(state('claude-code', 'project', 'pending')).toBe('unapproved')
    expect(state('claude-code', 'project', 'off-locally')).toBe('disabled')
    expect(state('claude-desktop', 'user', 'remote-notes')).toBe('ignored')
    expect(state('windsurf', 'user', 'old-one')).toBe('disabled')
    expect(state('cursor', 'project', 'browser')).toBe('active')

    const broken = report.configs.filter((c) => c.error)
    expect(broken.map((c) => [c.client, c.error!.line, c.error!.column]).sort()).toEqual([
      ['goose', 4, 4],
      ['lm-studio', 4, 3]
    ])
    expect(state('codex', 'user', 'figma')).toBe('disabled')
    expect(state('zed', 'user', 'old-nested')).toBe('active')
    expect(report.findings.filter((f) => f.code === 'config-invalid-json')).toHaveLength(2)
    expect(result.status).toBe(1)
    console.log(`diagnose --json --no-probe: ${report.servers.length} servers from ${report.configs.filter((c) => c.exists).length} files of ${clients.size} clients`)
  } finally {
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
  }
})

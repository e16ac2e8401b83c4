import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './helpers'

const SERVERS = path.join(ROOT, 'tests/fixtures/servers')

/** `MCP_MEDIC_SCREENSHOTS=docs` refreshes the README's pictures in docs/screenshots; otherwise they go to test-results. */
export const SHOTS = process.env.MCP_MEDIC_SCREENSHOTS === 'docs' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/screenshots')

/** The value the e2e walk types into the masked field: it must never be shown on any page. */
export const TYPED_SECRET = 'sk-e2e-typed-9f8e7d6c5b4a'

/**
 * A temp home for the troubleshooter walk: Claude Code with a server that exits because a
 * variable is missing (fixed in step 5), a healthy one, one whose script does not exist, one with
 * a misspelt command, one that prints a banner on stdout, and a project server waiting for
 * approval, and one whose command only the login shell finds (~/.profile puts ~/tools/bin on its
 * PATH: fixed in one click); Cursor with a remote server nothing listens for.
 */
export async function troubleshooterHome(): Promise<{ home: string; project: string; cli: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-walk-'))
  const project = path.join(home, 'project')
  await mkdir(path.join(home, '.cursor'), { recursive: true })
  await mkdir(project, { recursive: true })
  const node = process.execPath
  const cli = path.join(home, 'tools', 'bin', 'notes-cli')
  await mkdir(path.dirname(cli), { recursive: true })
  await writeFile(cli, `#!/bin/sh\nexec '${node}' '${path.join(SERVERS, 'healthy.mjs')}' "$@"\n`)
  await chmod(cli, 0o755)
  await writeFile(path.join(home, '.profile'), 'export PATH="$HOME/tools/bin:$PATH"\n')
  const claude = {
    mcpServers: {
      'weather-api': { command: node, args: [path.join(SERVERS, 'needs-env.mjs')], env: { WEATHER_UNITS: 'metric' } },
      notes: { command: node, args: [path.join(SERVERS, 'healthy.mjs')] },
      'local-build': { command: node, args: [path.join(home, 'src/weather/build/index.js')] },
      typo: { command: 'nodee', args: ['server.js'] },
      noisy: { command: node, args: [path.join(SERVERS, 'banner.mjs')] },
      'notes-cli': { command: 'notes-cli' }
    }
  }
  await writeFile(path.join(home, '.claude.json'), JSON.stringify(claude, null, 2) + '\n')
  await writeFile(path.join(project, '.mcp.json'), JSON.stringify({ mcpServers: { tickets: { command: node, args: [path.join(SERVERS, 'healthy.mjs')] } } }, null, 2) + '\n')
  await writeFile(path.join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { docs: { url: 'http://127.0.0.1:9/mcp' } } }, null, 2) + '\n')
  return { home, project, cli, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) }
}

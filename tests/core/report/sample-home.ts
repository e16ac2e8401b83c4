import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fixtureServer } from '../../helpers/home'
import { startRemote, type RemoteFixture } from '../../helpers/remote'

/**
 * A home with the failures a maintainer meets in issues, across clients: a crash with a traceback,
 * a placeholder key, a banner on stdout, a crash after start, a command line in "command", a
 * runtime that is not installed, an unbuilt script, remote servers that need auth or are down,
 * a broken JSON file, VS Code's wrong key, a URL entry Claude Desktop ignores; one healthy server.
 * Used for the committed sample report and for looking at the rendered Markdown.
 */
export interface SampleHome {
  home: string
  project: string
  env: NodeJS.ProcessEnv
  cleanup(): Promise<void>
}

async function put(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
}

export async function makeSampleHome(): Promise<SampleHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-sample-'))
  const home = path.join(root, 'home', 'alexdoe')
  const project = path.join(home, 'code', 'weather-app')
  const remote: RemoteFixture = await startRemote(['--auth', 'the-right-token'])
  // The fixture servers, copied where a user keeps their servers (with the SDK beside them), so
  // the sample reads like a real home rather than this repository's test folder.
  const servers = path.join(home, 'mcp-servers')
  await mkdir(servers, { recursive: true })
  await symlink(path.resolve(__dirname, '../../../node_modules'), path.join(home, 'node_modules'), 'dir')
  const node = async (name: string, extra: Record<string, unknown> = {}) => {
    const file = path.join(servers, name)
    await copyFile(fixtureServer(name), file)
    return { command: process.execPath, args: [file], ...extra }
  }
  await put(path.join(home, '.claude.json'), {
    mcpServers: {
      notes: await node('healthy.mjs'),
      weather: await node('exit-error.mjs', { env: { WEATHER_API_KEY: 'wk_live_8d0f3c2a9b7e4411' } }),
      github: await node('needs-env.mjs', { env: { FIXTURE_API_KEY: 'your_api_key_here' } }),
      chatty: await node('banner.mjs'),
      database: await node('exit-after-init.mjs'),
      search: { command: 'npx -y @acme/search-mcp --api-key=sk-acme-5f2e9c1d7b3a4e60', args: [] },
      linear: { type: 'http', url: `${remote.origin}/mcp`, headers: { Authorization: 'Bearer lin_api_expired_0c9d8e7f' } }
    },
    projects: { [project]: { mcpServers: { 'local-build': { command: 'node', args: ['./build/index.js'] } } } }
  })
  await put(path.join(project, '.mcp.json'), { mcpServers: { 'py-tools': { command: 'uvx', args: ['acme-py-tools'] } } })
  await put(path.join(home, '.cursor/mcp.json'), '{\n  "mcpServers": {\n    "figma": { "url": "http://127.0.0.1:9/sse", },\n  }\n}\n')
  await put(path.join(home, '.config/Code/User/mcp.json'), { mcpServers: { playwright: { command: 'npx', args: ['@playwright/mcp@latest'] } } })
  await put(path.join(home, '.config/Claude/claude_desktop_config.json'), { mcpServers: { sentry: { url: 'https://mcp.sentry.dev/mcp' }, files: await node('healthy.mjs') } })
  await put(path.join(home, '.codeium/windsurf/mcp_config.json'), { mcpServers: { jira: { serverUrl: `http://127.0.0.1:9/mcp?token=jira-9f8e7d6c` } } })
  return {
    home,
    project,
    // A plain PATH, as a user's machine has, rather than the test runner's.
    env: { PATH: [...new Set([path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'), HOME: home, USER: 'alexdoe', LOGNAME: 'alexdoe', SHELL: '/bin/sh', LANG: 'C.UTF-8', MCP_MEDIC_DATA_DIR: path.join(home, '.config/mcp-medic') },
    cleanup: async () => {
      await remote.stop()
      await rm(root, { recursive: true, force: true })
    }
  }
}

import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { planFixes, planReportFixes } from '../../../src/main/core/fix/planner'
import { toServerReport } from '../../../src/main/core/report/build'
import { finding, type Finding } from '../../../src/shared/findings'
import type { FixAction } from '../../../src/shared/fix-action'
import { makeHome, type TempHome } from '../../helpers/home'

/**
 * The planner on its own: findings of every shape the rules produce (and the shape wt-rules'
 * output rules give env-missing), on entries discovered from real files. It reads nothing and
 * starts nothing; these tests pin which action each finding gets.
 */

let t: TempHome
let entries: ServerEntry[]
beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', {
    mcpServers: {
      brave: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'] },
      line: { command: 'cd /srv && node index.js' },
      tool: { command: 'mytool', env: { PATH: '/opt/a:/usr/bin' } },
      node: { command: 'node', args: ['/srv/index.js'] },
      remote: { type: 'http', url: 'https://mcp.example.com/mcp' }
    }
  })
  await t.write('.cursor/mcp.json', { mcpServers: { 'brave-search': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search@latest'], env: { BRAVE_API_KEY: 'real-brave-key-0099' } }, off: { command: 'x', disabled: true }, copied: { serverUrl: 'https://mcp.example.com/mcp' } } })
  await t.write('.codeium/windsurf/mcp_config.json', { mcpServers: { off: { command: 'x', disabled: true } } })
  await t.write('Library/x.json', '{}')
  await t.write('.config/Claude/claude_desktop_config.json', { mcpServers: { gh: { command: 'npx', args: ['-y', 'gh-mcp'], env: { TOKEN: '${GITHUB_TOKEN}', AUTH: 'Bearer ${GITHUB_TOKEN}' } } } })
  await t.write('system/etc/claude-code/managed-mcp.json', { mcpServers: { corp: { command: 'python corp.py' } } })
  entries = (await discoverAll(t.context({ env: { PATH: '/usr/bin:/bin', HOME: t.home, MCP_MEDIC_SYSTEM_ROOT: path.join(t.home, 'system') } }), {})).servers
})
afterAll(async () => {
  await t.cleanup()
})

function entry(client: string, name: string): ServerEntry {
  const found = entries.find((e) => e.client === client && e.name === name)
  if (!found) throw new Error(`no ${client} ${name}: ${entries.map((e) => `${e.client}/${e.name}`).join(', ')}`)
  return found
}

/** The actions the planner puts on one finding of an entry, primary first. */
function plan(e: ServerEntry, f: Finding, loginShellEnv: Record<string, string> = {}): FixAction[] {
  const report = planFixes(toServerReport(e, [f], undefined), { ctx: { platform: 'linux', home: t.home, env: {} }, entry: e, loginShellEnv, peers: entries })
  const fix = report.findings[0]!.fix
  return [...(fix?.action ? [fix.action] : []), ...(fix?.alternatives ?? [])]
}

const ids = (actions: FixAction[]): string[] => actions.map((a) => a.id)

describe('env fixes', () => {
  it('env-missing as the output rules give it: copy from the login shell, from the other entry, or type it, per variable', () => {
    const brave = entry('claude-code', 'brave')
    const peer = entry('cursor', 'brave-search')
    const f = finding('env-missing', 'error', 'x', 'y', { evidence: { variables: ['BRAVE_API_KEY', 'REGION'], inLoginShell: ['REGION'], inOtherEntries: [{ name: 'BRAVE_API_KEY', serverId: peer.id }] } })
    const actions = plan(brave, f, { REGION: 'eu-west-1' })
    expect(ids(actions)).toEqual([
      'env-missing:set-env:BRAVE_API_KEY:server:1',
      'env-missing:set-env:BRAVE_API_KEY:input',
      'env-missing:set-env:REGION:login-shell',
      'env-missing:set-env:REGION:input'
    ])
    expect(actions[0]).toMatchObject({ kind: 'edit', edit: { serverId: brave.id, op: { op: 'set-env', key: 'BRAVE_API_KEY', value: '' } }, value: { from: 'server', serverId: peer.id, name: 'BRAVE_API_KEY' } })
    expect(actions[0]!.label).toBe(`Copy BRAVE_API_KEY from Cursor "brave-search" (user, mcp.json)`)
    expect(actions[1]).toMatchObject({ value: { from: 'input', secret: true, label: 'Value of BRAVE_API_KEY' } })
    // the actions carry no value at all
    expect(JSON.stringify(actions)).not.toContain('real-brave-key-0099')
    expect(JSON.stringify(actions)).not.toContain('eu-west-1')
  })

  it('finds the same server in another client by its package when the rule named no peers (Codex env_vars style)', () => {
    const f = finding('env-missing', 'warning', 'x', 'y', { evidence: { variable: 'BRAVE_API_KEY' } })
    expect(ids(plan(entry('claude-code', 'brave'), f))).toEqual(['env-missing:set-env:BRAVE_API_KEY:server:1', 'env-missing:set-env:BRAVE_API_KEY:input'])
    // a different server gets no copy from it
    expect(ids(plan(entry('claude-code', 'node'), f))).toEqual(['env-missing:set-env:BRAVE_API_KEY:input'])
  })

  it('env-unexpanded: copies the referenced variable only where the reference is the whole value', () => {
    const gh = entry('claude-desktop', 'gh')
    const whole = finding('env-unexpanded', 'error', 'x', 'y', { evidence: { jsonPath: 'mcpServers.gh.env.TOKEN', reference: '${GITHUB_TOKEN}' } })
    const actions = plan(gh, whole, { GITHUB_TOKEN: 'ghp_aaaaaaaaaaaaaaaaaaaaaaaa' })
    expect(actions[0]).toMatchObject({ label: 'Copy GITHUB_TOKEN from your login shell into the variable TOKEN', value: { from: 'login-shell', name: 'GITHUB_TOKEN' }, edit: { op: { key: 'TOKEN' } } })
    const part = finding('env-unexpanded', 'error', 'x', 'y', { evidence: { jsonPath: 'mcpServers.gh.env.AUTH', reference: '${GITHUB_TOKEN}' } })
    expect(ids(plan(gh, part, { GITHUB_TOKEN: 'ghp_aaaaaaaaaaaaaaaaaaaaaaaa' }))).toEqual(['env-unexpanded:set-env:AUTH:input'])
  })
})

describe('command fixes', () => {
  it('command-only-in-login-shell: the absolute path; with an interpreter missing too, its folder first on the PATH', () => {
    const tool = entry('claude-code', 'tool')
    const plain = finding('command-only-in-login-shell', 'error', 'x', 'y', { evidence: { command: 'mytool', absolutePath: '/home/u/.local/bin/mytool', foundIn: 'login-shell' } })
    expect(plan(tool, plain)).toEqual([{ id: 'command-only-in-login-shell:set-command', label: 'Use /home/u/.local/bin/mytool as the command', kind: 'edit', edit: { serverId: tool.id, op: { op: 'set-command', command: '/home/u/.local/bin/mytool' } } }])
    const needsNode = finding('command-only-in-login-shell', 'error', 'x', 'y', { evidence: { command: 'mytool', absolutePath: '/n/bin/mytool', interpreter: 'node', addToPath: '/n/bin', clientPath: ['/usr/bin', '/bin'] } })
    const [first, second] = plan(tool, needsNode)
    // the entry has its own PATH: the folder goes in front of it
    expect(first).toMatchObject({ edit: { op: { op: 'set-env', key: 'PATH', value: '/n/bin:/opt/a:/usr/bin' } } })
    expect(second).toMatchObject({ edit: { op: { op: 'set-command', command: '/n/bin/mytool' } } })
    // the rule names the interpreter's path when the script's #! cannot find it: only the PATH helps
    const shebang = finding('command-only-in-login-shell', 'error', 'x', 'y', { evidence: { command: 'mytool', interpreter: 'node', absolutePath: '/n/bin/node', addToPath: '/n/bin' } })
    expect(ids(plan(tool, shebang))).toEqual(['command-only-in-login-shell:set-env:PATH'])
    // the same from the launch-assumption warning, which names the interpreter as the command
    const assumed = finding('command-only-in-login-shell', 'warning', 'x', 'y', { evidence: { command: 'node', absolutePath: '/n/bin/node', dir: '/n/bin', safePath: ['/usr/bin', '/bin', '/usr/sbin', '/sbin'] } })
    expect(plan(tool, assumed)).toMatchObject([{ edit: { op: { op: 'set-env', key: 'PATH', value: '/n/bin:/opt/a:/usr/bin' } } }])
  })

  it('command-contains-args: no split where only a shell could run the line', () => {
    const f = finding('command-contains-args', 'error', 'x', 'y', { evidence: { jsonPath: 'mcpServers.line.command' } })
    expect(plan(entry('claude-code', 'line'), f)).toEqual([])
  })

  it('windows-cmd-wrapper-needed wraps the command in cmd /c', () => {
    const f = finding('windows-cmd-wrapper-needed', 'warning', 'x', 'y', { evidence: { command: 'npx' } })
    expect(plan(entry('claude-code', 'brave'), f)[0]).toMatchObject({ label: 'Start npx through cmd /c', edit: { op: { op: 'wrap-command', command: 'cmd', prefix: ['/c'] } } })
  })

  it('runtime-too-old: the newer runtime as the command, or its folder on the PATH when the command is not the runtime', () => {
    const better = { path: '/home/u/.nvm/versions/node/v22.11.0/bin/node', version: '22.11.0', where: 'known-dir' }
    const f = finding('runtime-too-old', 'error', 'x', 'y', { evidence: { runtime: 'node', better } })
    expect(plan(entry('claude-code', 'node'), f)[0]).toMatchObject({ edit: { op: { op: 'set-command', command: better.path } } })
    expect(plan(entry('claude-code', 'brave'), f)[0]).toMatchObject({ edit: { op: { op: 'set-env', key: 'PATH', value: '/home/u/.nvm/versions/node/v22.11.0/bin:/usr/bin:/bin' } } })
  })

  it('runtime-not-installed: the official page and the command to copy, never another page', () => {
    const f = finding('runtime-not-installed', 'error', 'x', 'y', { fix: { summary: 'Install uv', url: 'https://docs.astral.sh/uv/getting-started/installation/', command: 'curl -LsSf https://astral.sh/uv/install.sh | sh' } })
    expect(plan(entry('claude-code', 'brave'), f)).toEqual([
      { id: 'runtime-not-installed:open-url', label: 'Open the official download page (docs.astral.sh)', kind: 'open-url', url: 'https://docs.astral.sh/uv/getting-started/installation/' },
      { id: 'runtime-not-installed:copy', label: 'Copy the command', kind: 'copy', text: 'curl -LsSf https://astral.sh/uv/install.sh | sh' }
    ])
    const elsewhere = finding('runtime-not-installed', 'error', 'x', 'y', { fix: { summary: 'Install', url: 'https://evil.example.com/node.pkg' } })
    expect(plan(entry('claude-code', 'brave'), elsewhere)).toEqual([])
  })
})

describe('entry and file fixes', () => {
  it('server-disabled: turned on where the client keeps a switch in its file, nothing offered where it does not', () => {
    const f = finding('server-disabled', 'info', 'x', 'y')
    expect(ids(plan(entry('windsurf', 'off'), f))).toEqual(['server-disabled:enable'])
    expect(plan(entry('cursor', 'off'), f)).toEqual([])
  })

  it('renames a field written in another client\'s spelling, from the schema rule\'s words', () => {
    const f = finding('config-invalid-entry', 'warning', 'x', 'y', { evidence: { jsonPath: 'mcpServers.copied.serverUrl' }, fix: { summary: 'Rename "serverUrl" to "url".' } })
    expect(plan(entry('cursor', 'copied'), f)).toMatchObject([{ id: 'config-invalid-entry:rename-field:serverUrl', edit: { op: { op: 'rename-field', from: 'serverUrl', to: 'url' } } }])
    // where the field is not in the entry, the edit planner refuses, so nothing is offered
    expect(plan(entry('claude-code', 'remote'), f)).toEqual([])
    // a fix in other words is no rename
    expect(plan(entry('cursor', 'copied'), { ...f, fix: { summary: 'Move "serverUrl" to "requestOptions.url".' } })).toEqual([])
  })

  it('auth-required on a remote server offers a typed Authorization header; a managed entry gets no edit at all', () => {
    const auth = finding('auth-required', 'error', 'x', 'y')
    expect(plan(entry('claude-code', 'remote'), auth)[0]).toMatchObject({ edit: { op: { op: 'set-header', key: 'Authorization' } }, value: { from: 'input', placeholder: 'Bearer …' } })
    const corp = entry('claude-code', 'corp')
    expect(plan(corp, finding('command-contains-args', 'error', 'x', 'y', { evidence: { jsonPath: 'mcpServers.corp.command' } }))).toEqual([])
  })

  it('keeps an action a rule set itself first, and makes ids unique within a server', () => {
    const given: FixAction = { id: 'env-missing:copy', label: 'Copy', kind: 'copy', text: 'export X=1' }
    const first = finding('env-missing', 'error', 'x', 'y', { evidence: { variables: ['X'] }, fix: { summary: 's', action: given } })
    const second = finding('env-missing', 'error', 'x', 'y', { evidence: { variables: ['X'] } })
    const e = entry('claude-code', 'node')
    const report = planFixes(toServerReport(e, [first, second], undefined), { ctx: { platform: 'linux', home: t.home, env: {} }, entry: e })
    expect(report.findings[0]!.fix?.action).toEqual(given)
    const all = report.findings.flatMap((f) => [f.fix!.action!, ...(f.fix!.alternatives ?? [])]).map((a) => a.id)
    expect(new Set(all).size).toBe(all.length)
  })

  it('config-wrong-key: renames the top-level key of the file, unless it is read-only', () => {
    const f = finding('config-wrong-key', 'error', 'x', 'y', { evidence: { path: '/h/.vscode/mcp.json', key: 'mcpServers', expected: 'servers' } })
    const [planned] = planReportFixes([f], [{ client: 'vscode', scope: 'project', path: '/h/.vscode/mcp.json', exists: true }])
    expect(planned!.fix?.action).toEqual({ id: 'config-wrong-key:rename-key:mcpServers', label: 'Rename "mcpServers" to "servers"', kind: 'edit', edit: { configPath: '/h/.vscode/mcp.json', op: { op: 'rename-key', from: 'mcpServers', to: 'servers' } } })
    const [readOnly] = planReportFixes([f], [{ client: 'vscode', scope: 'managed', path: '/h/.vscode/mcp.json', exists: true, readOnly: 'managed' }])
    expect(readOnly!.fix?.action).toBeUndefined()
  })
})

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { currentContext, type EngineContext } from '../../src/main/core/context'
import { fixtureServer } from '../helpers/home'
import { startRemote, type RemoteFixture } from '../helpers/remote'

/**
 * A temp home whose servers carry planted secrets in every place one can hide: env values, header
 * values, args after secret flags and `KEY=value` args, URL userinfo and query values, tokens a
 * server prints on stderr and stdout, tokens in client log files, and a user name in paths (the
 * home folder and a project folder outside it). Every output is searched for `CANARY.values`.
 */

const stamp = Math.random().toString(36).slice(2, 8)

export const CANARY = {
  user: `qzcanary${stamp}`,
  env: `cnry-env-${stamp}-7Hq2Lw9Zx`,
  envPlain: `cnry-plainenv-${stamp}-R4t`,
  header: `cnry-hdr-${stamp}-Pq81Vb3Mn`,
  headerPlain: `cnry-hdrplain-${stamp}-Kk29`,
  argEq: `cnry-argeq-${stamp}-Zx82Lm4Qp`,
  argNext: `cnry-argnext-${stamp}-Wq73Ne`,
  argKv: `cnry-argkv-${stamp}-Hb64Pc8Uy`,
  urlPass: `cnry-pass-${stamp}-Jd55Ks2Lo`,
  urlQuery: `cnry-query-${stamp}-Fm47Gt9Wa`,
  argUrlQuery: `cnry-argurl-${stamp}-Tq21`,
  stderrBearer: `cnry-stderrbearer-${stamp}-Xc39Vn1Bm`,
  stderrGithub: `ghp_${stamp}CnryStderrAbcdefghijklmnopqrst`.slice(0, 40),
  stderrAnthropic: `sk-ant-api03-${stamp}cnryStderrAbcdefgh`,
  logBearer: `cnry-logbearer-${stamp}-Lk72Pz`,
  logGithub: `ghp_${stamp}CnryLogZyxwvutsrqponmlkjihgfe`.slice(0, 40),
  editValue: `cnry-edit-${stamp}-Qw12Er34`
}

/** Every planted secret (the user name is checked separately: it may show where paths must). */
export const SECRET_VALUES = Object.entries(CANARY)
  .filter(([k]) => k !== 'user')
  .map(([, v]) => v)

export interface CanaryHome {
  root: string
  home: string
  /** a project folder outside the home whose path holds the user name */
  project: string
  remote: RemoteFixture
  env: NodeJS.ProcessEnv
  context(): EngineContext
  cleanup(): Promise<void>
}

async function put(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, content)
}

export async function makeCanaryHome(): Promise<CanaryHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-canary-'))
  const home = path.join(root, 'home', CANARY.user)
  const project = path.join(root, 'srv', `${CANARY.user}-work`, 'app')
  const remote = await startRemote(['--auth', 'the-right-token-nobody-has'])
  const printed = path.join(home, '.leaky-lines')
  await put(printed, [`Authorization: Bearer ${CANARY.stderrBearer}`, `using token ${CANARY.stderrGithub}`, `anthropic ${CANARY.stderrAnthropic}`].join('\n'))
  const port = new URL(remote.origin).port
  const leaky = {
    command: process.execPath,
    args: [fixtureServer('leaky.mjs'), `--api-key=${CANARY.argEq}`, '--token', CANARY.argNext, `GITHUB_TOKEN=${CANARY.argKv}`, `https://example.invalid/hook?key=${CANARY.argUrlQuery}`, '--print-file', printed],
    env: { CANARY_API_KEY: CANARY.env, CANARY_PLAIN: CANARY.envPlain }
  }
  await put(
    path.join(home, '.claude.json'),
    JSON.stringify(
      {
        mcpServers: {
          leaky,
          'remote-auth': {
            type: 'http',
            url: `http://${CANARY.user}:${CANARY.urlPass}@127.0.0.1:${port}/mcp?api_key=${CANARY.urlQuery}`,
            headers: { Authorization: `Bearer ${CANARY.header}`, 'X-Api-Key': CANARY.headerPlain }
          },
          'remote-down': { type: 'http', url: `http://127.0.0.1:9/mcp?token=${CANARY.urlQuery}`, headers: { Authorization: `Bearer ${CANARY.header}` } }
        },
        projects: { [project]: { mcpServers: { 'project-leaky': leaky } } }
      },
      null,
      2
    )
  )
  await put(path.join(project, '.mcp.json'), JSON.stringify({ mcpServers: { 'in-project': { ...leaky, env: { CANARY_API_KEY: CANARY.env } } } }, null, 2))
  // The clients' own logs, where wt-logs' reader looks for a server's recent lines.
  const logLines = [
    `2026-12-02T10:00:00.000Z [leaky] [error] Connection failed: Authorization: Bearer ${CANARY.logBearer}`,
    `2026-12-02T10:00:01.000Z [leaky] [error] token ${CANARY.logGithub} rejected (CANARY_API_KEY=${CANARY.env})`
  ].join('\n')
  await put(path.join(home, '.config/Claude/logs/mcp-server-leaky.log'), `${logLines}\n`)
  await put(path.join(home, '.config/Claude/logs/mcp.log'), `${logLines}\n`)
  await put(path.join(home, `.cache/claude-cli-nodejs/${project.replace(/[/.]/g, '-')}/mcp-logs-leaky/2026-12-02T10-00-00.txt`), `${logLines}\n`)
  const env = { PATH: process.env.PATH, HOME: home, USER: CANARY.user, LOGNAME: CANARY.user, SHELL: '/bin/sh', LANG: 'C.UTF-8', MCP_MEDIC_DATA_DIR: path.join(home, '.config/mcp-medic') }
  return {
    root,
    home,
    project,
    remote,
    env,
    context: () => currentContext({ home, cwd: project, env, terminal: true }),
    cleanup: async () => {
      await remote.stop()
      await rm(root, { recursive: true, force: true })
    }
  }
}

/** Where each secret shows up in `text` (empty when it is clean). */
export function leaks(text: string, values: readonly string[] = SECRET_VALUES): string[] {
  return values.filter((v) => text.includes(v))
}

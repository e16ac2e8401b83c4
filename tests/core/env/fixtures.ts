import { chmod } from 'node:fs/promises'
import path from 'node:path'
import { fixtureServer, type TempHome } from '../../helpers/home'

/** Writes an executable file under the home and returns its absolute path. */
export async function executable(t: TempHome, relative: string, content: string, mode = 0o755): Promise<string> {
  const file = await t.write(relative, content)
  await chmod(file, mode)
  return file
}

/** A command that starts the healthy fixture server with this machine's node (found by absolute path). */
export function healthyServerScript(): string {
  return `#!/bin/sh\nexec '${process.execPath}' '${fixtureServer('healthy.mjs')}' "$@"\n`
}

/**
 * A stub `node` of an old version: answers `--version` like the real one and, asked to run
 * anything, fails the way Node 14 fails on modern code.
 */
export function oldNodeStub(version = 'v14.21.3'): string {
  return [
    '#!/bin/sh',
    `if [ "$1" = "--version" ] || [ "$1" = "-v" ]; then echo ${version}; exit 0; fi`,
    `echo "file:///srv/index.js:12" >&2`,
    `echo "const token = options?.token ?? process.env.TOKEN" >&2`,
    `echo "                      ^" >&2`,
    `echo "SyntaxError: Unexpected token '.'" >&2`,
    `echo "Node.js ${version}" >&2`,
    'exit 1',
    ''
  ].join('\n')
}

/** A stub interpreter that only reports a version. */
export function versionStub(text: string): string {
  return `#!/bin/sh\nif [ "$1" = "--version" ] || [ "$1" = "-V" ]; then echo '${text}'; exit 0; fi\necho 'stub cannot run servers' >&2\nexit 1\n`
}

/** A short PATH with only the system folders a GUI app gets, plus `extra` in front. */
export function shortPath(...extra: string[]): string {
  return [...extra, '/usr/bin', '/bin'].join(':')
}

/** The folder of this machine's node, for tests that need node reachable on PATH. */
export const NODE_DIR = path.dirname(process.execPath)

import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'

export type RuntimeName = 'node' | 'python'

const NODE_COMMANDS = new Set(['node', 'nodejs'])
const NODE_SCRIPTS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'tsx', 'ts-node'])
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/

/**
 * Which runtime runs a server, and how it is reached: the command itself (`node`, `python3`), or
 * the interpreter of a script's `#!` line (`npx` → node). Undefined for anything else.
 */
export function runtimeOf(
  command: string,
  interpreter: { program: string } | undefined
): { name: RuntimeName; via: 'command' | 'interpreter' } | undefined {
  const base = path.basename(command).replace(/\.(exe|cmd)$/i, '').toLowerCase()
  if (NODE_COMMANDS.has(base)) return { name: 'node', via: 'command' }
  if (PYTHON.test(base)) return { name: 'python', via: 'command' }
  const program = interpreter ? path.basename(interpreter.program).toLowerCase() : undefined
  if (program && NODE_COMMANDS.has(program)) return { name: 'node', via: 'interpreter' }
  if (program && PYTHON.test(program)) return { name: 'python', via: 'interpreter' }
  return undefined
}

/**
 * What the server declares it needs, when that is knowable without the network: `engines.node`
 * of the package.json nearest to the script node runs (or to the file a global bin links to), or
 * `requires-python` of the pyproject.toml nearest to the script python runs. Never throws.
 */
export async function runtimeRequirement(
  name: RuntimeName,
  command: string,
  args: readonly string[],
  cwd: string,
  resolvedCommand: string | undefined
): Promise<{ range: string; source: string } | undefined> {
  const starts: string[] = []
  const script = args.find((a) => !a.startsWith('-'))
  const base = path.basename(command).replace(/\.(exe|cmd)$/i, '').toLowerCase()
  if ((NODE_COMMANDS.has(base) || PYTHON.test(base)) && script) starts.push(path.resolve(cwd, script))
  if (resolvedCommand && !NODE_COMMANDS.has(base) && !PYTHON.test(base) && !NODE_SCRIPTS.has(base)) {
    // a global bin is a symlink into its package: ~/.npm-global/bin/srv → ../lib/node_modules/srv/dist/cli.js
    starts.push(await realpath(resolvedCommand).catch(() => resolvedCommand))
  }
  for (const start of starts) {
    const found = name === 'node' ? await nearestEngines(start) : await nearestRequiresPython(start)
    if (found) return found
  }
  return undefined
}

async function nearestEngines(start: string): Promise<{ range: string; source: string } | undefined> {
  for (const dir of ancestors(start)) {
    const file = path.join(dir, 'package.json')
    const text = await readSmall(file)
    if (text === undefined) continue
    try {
      const json = JSON.parse(text) as { engines?: { node?: unknown } }
      if (typeof json.engines?.node === 'string' && json.engines.node.trim() !== '') return { range: json.engines.node.trim(), source: file }
    } catch {
      // a broken package.json says nothing reliable
    }
    return undefined
  }
  return undefined
}

async function nearestRequiresPython(start: string): Promise<{ range: string; source: string } | undefined> {
  for (const dir of ancestors(start)) {
    const file = path.join(dir, 'pyproject.toml')
    const text = await readSmall(file)
    if (text === undefined) continue
    const m = /^\s*requires-python\s*=\s*["']([^"'\n]+)["']/m.exec(text)
    return m ? { range: m[1]!.trim(), source: file } : undefined
  }
  return undefined
}

/** The folder of `start` (or `start` itself when it is one) and every parent, at most 12 levels. */
function ancestors(start: string): string[] {
  const out: string[] = []
  let dir = path.extname(start) ? path.dirname(start) : start
  for (let i = 0; i < 12; i++) {
    out.push(dir)
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return out
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file)
    if (!info.isFile() || info.size > 1024 * 1024) return undefined
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * `MCP Medic --cli diagnose …`: the installed app runs the `mcp-medic` command line instead of
 * opening a window. The app's binary starts itself again as plain Node (ELECTRON_RUN_AS_NODE),
 * running the CLI bundled beside this file, with the terminal's streams and exit status, so the
 * CLI behaves exactly as `node out/main/cli.js` does. The launcher scripts in resources/bin do
 * the same without starting Electron first (for machines without a display).
 */

/** The arguments after `--cli`, or undefined when the app was not started as the CLI. */
export function cliArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf('--cli')
  return at === -1 ? undefined : argv.slice(at + 1)
}

/** What to run for `--cli`: this binary as Node, the bundled CLI, the arguments. */
export function cliCommand(execPath: string, mainDir: string, args: readonly string[], env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return { command: execPath, args: [path.join(mainDir, 'cli.js'), ...args], env: { ...env, ELECTRON_RUN_AS_NODE: '1' } }
}

/** Runs the CLI as a child with the terminal's streams and resolves with its exit code. */
export function runCli(args: readonly string[]): Promise<number> {
  const run = cliCommand(process.execPath, __dirname, args, process.env)
  return new Promise((resolve) => {
    const child = spawn(run.command, run.args, { env: run.env, stdio: 'inherit', windowsHide: false })
    child.once('error', (error) => {
      process.stderr.write(`mcp-medic: could not start the command line: ${error.message}\n`)
      resolve(2)
    })
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 2)))
  })
}

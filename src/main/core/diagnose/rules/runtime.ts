import path from 'node:path'
import { finding, type Finding } from '../../../../shared/findings'
import { CLIENT_NAMES } from '../../../../shared/report'
import { installFor } from '../../../../shared/runtimes'
import type { ServerEntry } from '../../clients/types'
import type { Preflight } from '../../probe/preflight'
import type { StdioEvidence } from '../../probe/stdio'
import { shellQuote, tailLines } from '../text'
import { foundElsewhere, isRuntimeCommand, runtimeTooOld, withInstall, wordsForPath } from './runtime-facts'

/**
 * Step-3 rules (is the runtime installed, on the PATH the client gives, new enough; does docker
 * have a daemon) and `not-executable`. They read preflight facts and the probe's evidence; they
 * never start anything.
 */
export function runtimeFindings(entry: ServerEntry, preflight: Preflight, evidence: StdioEvidence): Finding[] {
  const out: Finding[] = []
  const failed = evidence.outcome !== 'ok' && evidence.outcome !== 'not-probed'
  const stderr = tailLines(evidence.stderrTail, 20)
  if (evidence.outcome === 'exited') {
    const broken = brokenScriptFinding(entry, preflight, evidence, stderr)
    if (broken) out.push(broken)
  }
  const old = runtimeTooOld(entry, preflight, stderr, failed)
  if (old) out.push(old)
  const docker = dockerFinding(entry, preflight, stderr, failed)
  if (docker) out.push(docker)
  return out
}

/** Why the operating system would not start the command: the spawn error, read with the preflight facts. */
export function spawnErrorFinding(entry: ServerEntry, preflight: Preflight, evidence: StdioEvidence): Finding {
  const command = entry.command ?? ''
  const code = evidence.spawnError?.code
  const client = CLIENT_NAMES[entry.client]
  if (code === 'ENOENT' && !preflight.cwdExists) {
    return finding(
      'cwd-not-found',
      'error',
      'The working directory does not exist',
      `The server is started in ${preflight.cwd}, which does not exist. The operating system reports this as "${evidence.spawnError?.message}", which looks like a missing command but is not.`,
      { evidence: { cwd: preflight.cwd }, fix: { summary: 'Point the working directory at a folder that exists.' } }
    )
  }
  const resolved = preflight.resolution.path
  if ((code === 'ENOENT' || code === 'EINVAL') && resolved && /\.(cmd|bat|ps1)$/i.test(resolved) && !/\.(cmd|bat|ps1)$/i.test(command)) {
    return finding(
      'windows-cmd-wrapper-needed',
      'error',
      `${command} is a ${path.extname(resolved)} script, which Windows cannot start without cmd`,
      `\`${command}\` resolves to ${resolved}. Programs started without a shell cannot run batch scripts: Node reports ENOENT for the bare name and EINVAL for the .cmd file itself.`,
      { evidence: { path: resolved, errno: code }, fix: { summary: `Start it through cmd: set the command to \`cmd\` and put \`/c\`, \`${command}\` before the other arguments.` } }
    )
  }
  if ((code === 'ENOENT' && preflight.resolution.notExecutable) || code === 'EACCES') {
    const file = preflight.resolution.notExecutable ?? resolved ?? command
    const noShebang = preflight.file?.kind === 'text'
    return finding('not-executable', 'error', `${command} is not executable`, `${file} exists but may not be run: it lacks the execute permission.${noShebang ? ' It also has no `#!` line, so even with the permission the system would not know which interpreter runs it.' : ''}`, {
      evidence: { path: file, errno: code, mode: preflight.file ? `0${preflight.file.mode.toString(8)}` : undefined },
      fix: noShebang
        ? { summary: 'Run it through its interpreter (for example `node file.js` or `python3 file.py`), or add a `#!` line and the execute permission.' }
        : { summary: 'Give it the execute permission.', command: `chmod +x ${shellQuote(file)}` }
    })
  }
  if (code === 'ENOENT' && resolved) return missingInterpreterFinding(command, preflight, code)
  if (code === 'ENOENT') return notFoundFinding(entry, preflight, client)
  const arch = archWords(preflight)
  return finding(
    'not-executable',
    'error',
    `${command} cannot be started (${code ?? 'unknown error'})`,
    `The operating system refused to start it: ${evidence.spawnError?.message ?? 'unknown error'}.${arch ? ` ${arch}` : ''}`,
    { evidence: { errno: code, message: evidence.spawnError?.message, archs: preflight.file?.archs } }
  )
}

function missingInterpreterFinding(command: string, preflight: Preflight, code: string): Finding {
  const resolved = preflight.resolution.path!
  const interpreter = preflight.interpreter
  if (interpreter && !interpreter.viaEnv) {
    const instead = foundElsewhere(interpreter.elsewhere)
    return finding(
      'not-executable',
      'error',
      `${command} names an interpreter that does not exist`,
      `${resolved} starts with "${interpreter.line}", and ${interpreter.program} does not exist.` +
        (instead ? ` A ${path.basename(interpreter.program)} exists at ${instead.path}.` : ''),
      {
        evidence: { path: resolved, shebang: interpreter.line, interpreter: interpreter.program, errno: code },
        fix: {
          summary: instead
            ? `Run the script through ${instead.path}: set that as the command and put ${resolved} first in the arguments, or correct its #! line.`
            : `Install ${path.basename(interpreter.program)}, or correct the script's #! line.`
        }
      }
    )
  }
  return finding(
    'not-executable',
    'error',
    `${command} cannot be started`,
    `${resolved} exists, but the system reports it as missing: its interpreter or loader is absent.${archWords(preflight) ? ` ${archWords(preflight)}` : ''}`,
    { evidence: { path: resolved, shebang: preflight.shebang, errno: code, archs: preflight.file?.archs } }
  )
}

function notFoundFinding(entry: ServerEntry, preflight: Preflight, client: string): Finding {
  const command = entry.command ?? ''
  const elsewhere = foundElsewhere(preflight.locations)
  const where = wordsForPath(preflight)
  if (elsewhere) {
    const interpreter = preflight.interpreter?.of === 'elsewhere' ? preflight.interpreter : undefined
    const needsDir = interpreter?.viaEnv && !interpreter.onClientPath ? path.dirname(elsewhere.path) : undefined
    const inLogin = elsewhere.where === 'login-shell'
    return finding(
      'command-only-in-login-shell',
      'error',
      inLogin ? `${command} is only on your login shell's PATH` : `${command} is in ${elsewhere.dir}, which is not on ${client}'s PATH`,
      `${client} starts the server with ${where}, which has no \`${command}\`, so the start fails ("spawn ${command} ENOENT"). ` +
        (inLogin
          ? `Your login shell finds it at ${elsewhere.path}; that is why it works in a terminal.`
          : `It is installed at ${elsewhere.path} (${elsewhere.source}), a folder your login shell does not put on PATH either.`) +
        (needsDir ? ` It is a script run by \`${interpreter!.program}\` (${interpreter!.line}), which that PATH lacks too.` : ''),
      {
        evidence: {
          command,
          absolutePath: elsewhere.path,
          foundIn: elsewhere.where,
          dir: path.dirname(elsewhere.path),
          pathFrom: preflight.pathFrom,
          clientPath: preflight.pathDirs,
          ...(needsDir ? { interpreter: interpreter!.program, addToPath: needsDir } : {})
        },
        fix: {
          summary:
            `Use the absolute path ${elsewhere.path} as the command.` +
            (needsDir ? ` Also add "PATH": "${needsDir}:/usr/bin:/bin" to the entry's env, so ${interpreter!.program} is found.` : '')
        }
      }
    )
  }
  const base = path.basename(command).replace(/\.(exe|cmd)$/i, '')
  const near = preflight.nearMiss
  const places = [`on the PATH ${client} gives the server, ${where}`, ...(preflight.loginShellRead ? ["on your login shell's PATH"] : []), 'in the usual install folders (nvm, volta, pyenv, ~/.local/bin, ~/.cargo/bin, Homebrew, …)']
  const searched = places.map((p) => `not ${p}`).join('; ')
  const unread = preflight.loginShellRead ? '' : ' Your login shell could not be read, so its PATH was not searched.'
  if (isRuntimeCommand(base) && !near) {
    const install = installFor(base, preflight.platform ?? process.platform)
    const title = install?.title ?? base
    return finding(
      'runtime-not-installed',
      'error',
      `${title} is not installed`,
      `The entry runs \`${command}\`${title.toLowerCase() !== base ? `, which comes with ${title}` : ''}. It is nowhere on this machine: ${searched}.${unread}`,
      { evidence: { command, runtime: title, path: preflight.pathDirs }, fix: withInstall(`Install ${title}, then re-test.`, install) }
    )
  }
  return finding(
    'command-not-found',
    'error',
    `Command not found: ${command}`,
    command.includes('/') || command.includes('\\')
      ? `${command} does not exist.`
      : `No file named ${command} is anywhere: ${searched}.${unread}` + (near ? ` There is a \`${near.command}\` at ${near.path}.` : ''),
    {
      evidence: { command, path: preflight.pathDirs, ...(near ? { suggestion: near.command, suggestionPath: near.path } : {}) },
      fix: near
        ? { summary: near.where === 'client' ? `Use \`${near.command}\` as the command.` : `Use ${near.path} as the command.` }
        : { summary: `Install ${command}, or write its absolute path as the command.` }
    }
  )
}

/** A script that started (through /bin/sh or env) and died at once because of how it is written. */
function brokenScriptFinding(entry: ServerEntry, preflight: Preflight, evidence: StdioEvidence, stderr: string): Finding | undefined {
  const command = entry.command ?? ''
  const file = preflight.file
  const code = evidence.exit?.code
  const interpreter = preflight.interpreter
  if (interpreter?.of === 'client' && interpreter.viaEnv && !interpreter.onClientPath && (code === 127 || /No such file or directory|not found/i.test(stderr))) {
    const elsewhere = foundElsewhere(interpreter.elsewhere)
    const program = interpreter.program
    const client = CLIENT_NAMES[entry.client]
    if (elsewhere) {
      return finding(
        'command-only-in-login-shell',
        'error',
        `\`${program}\`, which runs ${command}, is not on ${client}'s PATH`,
        `${preflight.resolution.path} starts with "${interpreter.line}", so it needs \`${program}\` on the PATH. ${client} starts the server with ${wordsForPath(preflight)}, which has none; ` +
          `${elsewhere.where === 'login-shell' ? 'your login shell finds it' : `it is installed (${elsewhere.source})`} at ${elsewhere.path}.`,
        {
          evidence: { command, interpreter: program, absolutePath: elsewhere.path, addToPath: path.dirname(elsewhere.path), foundIn: elsewhere.where, stderrTail: stderr },
          fix: { summary: `Add "PATH": "${path.dirname(elsewhere.path)}:/usr/bin:/bin" to the entry's env (or use ${elsewhere.path} as the command with the script as its first argument).` }
        }
      )
    }
    if (isRuntimeCommand(path.basename(program))) {
      const install = installFor(path.basename(program), preflight.platform ?? process.platform)
      return finding(
        'runtime-not-installed',
        'error',
        `${install?.title ?? program} is not installed`,
        `${command} is a script run by \`${program}\` (${interpreter.line}), and \`${program}\` is nowhere on this machine.`,
        { evidence: { command, interpreter: program, stderrTail: stderr }, fix: withInstall(`Install ${install?.title ?? program}, then re-test.`, install) }
      )
    }
    return finding('not-executable', 'error', `${command} names an interpreter that is not installed`, `${preflight.resolution.path} starts with "${interpreter.line}", and \`${program}\` is not on the PATH.`, {
      evidence: { command, interpreter: program, stderrTail: stderr },
      fix: { summary: `Install ${program}, or correct the script's #! line.` }
    })
  }
  if (file && preflight.resolution.path && file.archSupport === 'incompatible') {
    return finding('not-executable', 'error', `${command} is built for another processor`, archWords(preflight)!, {
      evidence: { path: file.path, archs: file.archs, stderrTail: stderr },
      fix: { summary: 'Install the build of this program made for this machine (or its package for this platform).' }
    })
  }
  if (file?.kind === 'text' && preflight.resolution.path && (code === 2 || code === 126 || code === 127 || /syntax error|unexpected|not found/i.test(stderr))) {
    return finding(
      'not-executable',
      'error',
      `${command} has no #! line`,
      `${file.path} is a text file without a \`#!\` line, so the system ran it with /bin/sh, which failed on it (exit code ${code}).`,
      {
        evidence: { path: file.path, exitCode: code, stderrTail: stderr },
        fix: { summary: 'Run it through its interpreter (for example `node file.js` or `python3 file.py`), or add a `#!` line such as `#!/usr/bin/env node`.' }
      }
    )
  }
  return undefined
}

function dockerFinding(entry: ServerEntry, preflight: Preflight, stderr: string, failed: boolean): Finding | undefined {
  const facts = preflight.docker
  const said = /Cannot connect to the Docker daemon|error during connect|docker_engine|connect ENOENT \/var\/run\/docker\.sock/i.exec(stderr)
  if (!failed || (facts?.daemon !== false && !said)) return undefined
  const complaint = facts?.error ?? said?.[0] ?? ''
  const mac = preflight.platform === 'darwin'
  const win = preflight.platform === 'win32'
  return finding(
    'docker-daemon-down',
    'error',
    'Docker is installed, but its daemon is not running',
    `The docker command answers, but no Docker daemon does${facts?.host ? ` at DOCKER_HOST=${facts.host}` : ''}: "${complaint}". Every \`docker run\` fails until it is started.`,
    {
      evidence: { command: entry.command, host: facts?.host, error: complaint },
      fix: {
        summary: facts?.host
          ? `Start the daemon, or correct DOCKER_HOST (${facts.host}) in the entry's env.`
          : mac || win
            ? 'Start Docker Desktop and wait until it says it is running, then re-test.'
            : 'Start the Docker daemon, then re-test.',
        command: mac ? 'open -a Docker' : win ? undefined : 'sudo systemctl start docker'
      }
    }
  )
}

function archWords(preflight: Preflight): string | undefined {
  const file = preflight.file
  if (!file?.archs || file.archSupport !== 'incompatible') return undefined
  return `${file.path} is built for ${file.archs.join(' and ')}; this machine runs ${preflight.arch ?? process.arch}.`
}

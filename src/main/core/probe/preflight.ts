import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { LaunchPlan } from '../clients/launch'
import type { PathFrom } from '../clients/types'
import { pathEntries, type EngineContext } from '../context'
import { archSupport, parseShebang, readFileFacts, type FileFacts } from '../env/file-facts'
import type { KnownDir } from '../env/known-dirs'
import { locateCommand, nearMissCandidates, type CommandLocations } from '../env/locate'
import type { LoginShellResult } from '../env/login-shell'
import { runBounded, VersionCache } from '../env/versions'
import { which, type Resolution } from '../env/which'
import { runtimeOf, runtimeRequirement, type RuntimeName } from './requirements'

/** Facts gathered before a stdio server is started: where its command resolves, its folder. */
export interface Preflight {
  cwd: string
  cwdExists: boolean
  /** the PATH the client gives the server, split */
  pathDirs: string[]
  resolution: Resolution
  /** the `#!` line of the resolved file, when it has one */
  shebang?: string
  /** addition: the command as configured, and the OS it runs on */
  command?: string
  platform?: NodeJS.Platform
  /** addition: this machine's processor, in node's words (x64, arm64, …) */
  arch?: string
  /** addition: where the client's PATH comes from, and in words */
  pathFrom?: PathFrom
  pathDescription?: string
  /** addition: the login shell's PATH could be read (else `locations.loginShell` is unknown) */
  loginShellRead?: boolean
  /** addition: where else the command is found: the login shell's PATH, a known install folder */
  locations?: CommandLocations
  /** addition: the file that would run (the client's, else the one found elsewhere) */
  file?: FileFacts & { archSupport?: 'native' | 'translated' | 'incompatible' }
  /** addition: the interpreter a script's `#!` line names, and where it is found */
  interpreter?: InterpreterFacts
  /** addition: the runtime that runs the server (node, python), its version and what the server asks for */
  runtime?: RuntimeFacts
  /** addition: for `docker`, whether a daemon answers */
  docker?: DockerFacts
  /** addition: a similar command that exists (`python3` for `python`) */
  nearMiss?: { command: string; path: string; where: 'client' | 'login-shell' | 'known-dir' }
}

export interface InterpreterFacts {
  line: string
  program: string
  viaEnv: boolean
  /** the file the interpreter resolves to on the client's PATH (or the absolute path, when it exists) */
  onClientPath: string | null
  elsewhere?: CommandLocations
  /** which file's `#!` line this is: the client's resolution or the file found elsewhere */
  of: 'client' | 'elsewhere'
}

export interface RuntimeFacts {
  name: RuntimeName
  /** the runtime's file as the client would run it */
  path: string
  version?: string
  versionError?: string
  /** what the server declares it needs: an npm `engines.node` or a `requires-python` range */
  required?: { range: string; source: string }
  /** others of the same runtime: later on the same PATH (shadowed), on the login shell's, in a known folder */
  alternatives?: { path: string; version?: string; where: 'later-on-path' | 'login-shell' | 'known-dir' }[]
}

export interface DockerFacts {
  /** the daemon answered `docker version` */
  daemon: boolean
  serverVersion?: string
  /** the CLI's complaint when no daemon answered */
  error?: string
  host?: string
}

/** What preflight needs besides the plan: the run's shared facts. */
export interface PreflightExtras {
  plan?: Pick<LaunchPlan, 'env' | 'args' | 'pathFrom' | 'pathDescription'>
  loginShell?: LoginShellResult
  knownDirs?: KnownDir[]
  versions?: VersionCache
}

const DOCKER_TIMEOUT_MS = 8_000

/**
 * Gathers the facts rules need before and after a stdio server is started: the working folder,
 * where the command resolves on the client's PATH, the login shell's and in the known install
 * folders, the resolved file's mode bits, kind, architecture and `#!` line, the interpreter that
 * line names, the runtime's version and the server's declared requirement, and for docker whether
 * a daemon answers. Decides nothing. Never throws.
 */
export async function preflightStdio(
  command: string,
  cwd: string,
  pathDirs: string[],
  ctx: Pick<EngineContext, 'platform' | 'env'> & Partial<EngineContext>,
  extras: PreflightExtras = {}
): Promise<Preflight> {
  const platform = ctx.platform
  const shellEnv = extras.loginShell?.skipped ? undefined : extras.loginShell?.env
  const loginShellPath = shellEnv ? pathEntries(shellEnv, platform) : undefined
  const knownDirs = extras.knownDirs ?? []
  const pathext = extras.plan?.env.PATHEXT ?? ctx.env.PATHEXT
  const locate = (name: string): Promise<CommandLocations> =>
    locateCommand(name, { clientPath: pathDirs, loginShellPath, knownDirs, cwd, platform, pathext })

  const [cwdExists, locations] = await Promise.all([isDirectory(cwd), locate(command)])
  const resolution = locations.client
  const elsewhere = locations.loginShell?.path ?? locations.knownDir?.path
  const fileOf: 'client' | 'elsewhere' = resolution.path || resolution.notExecutable ? 'client' : 'elsewhere'
  const filePath = resolution.path ?? resolution.notExecutable ?? elsewhere ?? undefined
  const facts = filePath ? await readFileFacts(filePath, platform) : undefined
  const file = facts && {
    ...facts,
    ...(facts.archs ? { archSupport: archSupport(facts.archs, ctx.arch ?? process.arch, platform) } : {})
  }
  const preflight: Preflight = {
    cwd,
    cwdExists,
    pathDirs,
    resolution,
    shebang: fileOf === 'client' ? file?.shebang : undefined,
    command,
    platform,
    arch: ctx.arch ?? process.arch,
    pathFrom: extras.plan?.pathFrom,
    pathDescription: extras.plan?.pathDescription,
    loginShellRead: loginShellPath !== undefined,
    locations,
    file
  }

  const parsed = file?.shebang ? parseShebang(file.shebang) : undefined
  if (parsed && file?.shebang) {
    const onClientPath = parsed.viaEnv
      ? (await which(parsed.program, pathDirs, { cwd, platform, pathext })).path
      : (await which(parsed.program, [], { cwd, platform, pathext })).path
    preflight.interpreter = {
      line: file.shebang,
      program: parsed.program,
      viaEnv: parsed.viaEnv,
      onClientPath,
      of: fileOf,
      ...(onClientPath ? {} : { elsewhere: await locate(path.basename(parsed.program)) })
    }
  }

  if (!resolution.path && !elsewhere && !command.includes('/') && !command.includes('\\') && command !== '') {
    for (const candidate of nearMissCandidates(command)) {
      const found = await locate(candidate)
      const hit = found.client.path
        ? { path: found.client.path, where: 'client' as const }
        : found.loginShell?.path
          ? { path: found.loginShell.path, where: 'login-shell' as const }
          : found.knownDir
            ? { path: found.knownDir.path, where: 'known-dir' as const }
            : undefined
      if (hit) {
        preflight.nearMiss = { command: candidate, ...hit }
        break
      }
    }
  }

  const env = extras.plan?.env ?? plain(ctx.env)
  const runCwd = cwdExists ? cwd : (ctx.home ?? cwd)
  const versions = extras.versions ?? new VersionCache()
  const [runtime, docker] = await Promise.all([
    runtimeFacts(command, extras.plan?.args ?? [], preflight, { env, cwd: runCwd, versions, locate }),
    dockerFacts(command, resolution.path, { env, cwd: runCwd })
  ])
  if (runtime) preflight.runtime = runtime
  if (docker) preflight.docker = docker
  return preflight
}

async function runtimeFacts(
  command: string,
  args: readonly string[],
  preflight: Preflight,
  io: { env: Record<string, string>; cwd: string; versions: VersionCache; locate: (name: string) => Promise<CommandLocations> }
): Promise<RuntimeFacts | undefined> {
  const kind = runtimeOf(command, preflight.interpreter?.of === 'client' ? preflight.interpreter : undefined)
  if (!kind) return undefined
  const file = kind.via === 'command' ? preflight.resolution.path : preflight.interpreter?.onClientPath
  if (!file) return undefined
  const [version, required] = await Promise.all([
    io.versions.get(file, kind.name, io.env, io.cwd),
    runtimeRequirement(kind.name, command, args, preflight.cwd, preflight.resolution.path ?? undefined)
  ])
  const facts: RuntimeFacts = { name: kind.name, path: file, version: version.version, versionError: version.error, required }
  // Where else the same runtime lives, with versions: a newer one there is the fix to suggest.
  const exe = kind.name === 'node' ? 'node' : path.basename(file)
  const found = await io.locate(exe)
  const others: NonNullable<RuntimeFacts['alternatives']> = []
  const add = (file2: string | null | undefined, where: 'later-on-path' | 'login-shell' | 'known-dir'): void => {
    if (file2 && file2 !== file && !others.some((o) => o.path === file2) && others.length < 4) others.push({ path: file2, where })
  }
  for (const dir of preflight.pathDirs) add((await which(exe, [dir], { cwd: preflight.cwd, platform: preflight.platform ?? process.platform })).path, 'later-on-path')
  add(found.loginShell?.path, 'login-shell')
  add(found.knownDir?.path, 'known-dir')
  for (const other of others) {
    const dirPath = [path.dirname(other.path), ...(io.env.PATH ?? '').split(path.delimiter)].join(path.delimiter)
    other.version = (await io.versions.get(other.path, kind.name, { ...io.env, PATH: dirPath }, io.cwd)).version
  }
  if (others.length > 0) facts.alternatives = others
  return facts
}

async function dockerFacts(
  command: string,
  resolved: string | null,
  io: { env: Record<string, string>; cwd: string }
): Promise<DockerFacts | undefined> {
  if (!resolved || !/^docker(?:\.exe)?$/i.test(path.basename(command))) return undefined
  const run = await runBounded(resolved, ['version', '--format', '{{.Server.Version}}'], { ...io, timeoutMs: DOCKER_TIMEOUT_MS })
  const host = io.env.DOCKER_HOST
  if (run.code === 0) {
    const serverVersion = run.output.trim().split(/\r?\n/).pop()?.trim()
    return { daemon: true, serverVersion: serverVersion || undefined, host }
  }
  const complaint = run.timedOut
    ? `docker version did not answer within ${DOCKER_TIMEOUT_MS / 1000} s`
    : (run.stderr.trim().split(/\r?\n/).filter(Boolean).pop() ?? run.spawnError ?? `exited with code ${run.code}`)
  return { daemon: false, error: complaint.slice(0, 500), host }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}

function plain(env: EngineContext['env']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}

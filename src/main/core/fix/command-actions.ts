import path from 'node:path'
import type { Finding } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import { argIndexAt, editAction, fieldPath, strings, type PlanContext } from './types'

/**
 * Step-2 and step-3 fixes on the command: the absolute path that works, `python3` for
 * `python`, the `cmd /c` wrap, a command line split into command and arguments, a newer
 * runtime, a path made absolute.
 */
export function commandActions(finding: Finding, plan: PlanContext): FixAction[] {
  const entry = plan.entry
  const evidence = finding.evidence ?? {}
  const code = finding.code
  switch (code) {
    case 'command-only-in-login-shell': {
      const absolute = typeof evidence.absolutePath === 'string' ? evidence.absolutePath : undefined
      // the rules name the interpreter's path (not the command's) when the command's #! line needs it
      const isCommand = absolute !== undefined && path.basename(absolute) === path.basename(entry.command ?? '')
      const dir = typeof evidence.addToPath === 'string' ? evidence.addToPath : !isCommand && absolute !== undefined ? path.dirname(absolute) : undefined
      const usePath = dir ? pathAction(plan, `${code}:set-env:PATH`, dir, strings(evidence.clientPath ?? evidence.safePath)) : []
      const useCommand = isCommand ? editAction(plan, `${code}:set-command`, `Use ${absolute} as the command`, { op: 'set-command', command: absolute }) : []
      // a command whose interpreter is missing too needs the PATH; the command alone is enough otherwise
      return dir ? [...usePath, ...useCommand] : useCommand
    }
    case 'command-not-found': {
      const suggestion = typeof evidence.suggestion === 'string' ? evidence.suggestion : undefined
      const at = typeof evidence.suggestionPath === 'string' ? evidence.suggestionPath : undefined
      if (!suggestion) return []
      // the bare name where the client's PATH has it, else the absolute path
      const onClientPath = at !== undefined && strings(evidence.path).includes(path.dirname(at))
      const command = onClientPath || at === undefined ? suggestion : at
      return [
        ...editAction(plan, `${code}:set-command`, `Use ${command} as the command`, { op: 'set-command', command }),
        ...(command !== at && at !== undefined ? editAction(plan, `${code}:set-command:absolute`, `Use ${at} as the command`, { op: 'set-command', command: at }) : [])
      ]
    }
    case 'runtime-too-old': {
      const better = evidence.better as { path?: unknown } | undefined
      const betterPath = typeof better?.path === 'string' ? better.path : undefined
      if (!betterPath) return []
      const runtime = typeof evidence.runtime === 'string' ? evidence.runtime : ''
      const viaCommand = path.basename(entry.command ?? '').replace(/\.(exe|cmd)$/i, '').toLowerCase().startsWith(runtime)
      return viaCommand
        ? editAction(plan, `${code}:set-command`, `Use ${betterPath} as the command`, { op: 'set-command', command: betterPath })
        : pathAction(plan, `${code}:set-env:PATH`, path.dirname(betterPath), [])
    }
    case 'windows-cmd-wrapper-needed':
      return editAction(plan, `${code}:wrap-command`, `Start ${entry.command ?? 'it'} through cmd /c`, { op: 'wrap-command', command: 'cmd', prefix: ['/c'] })
    case 'command-contains-args': {
      const jsonPath = evidence.jsonPath
      if (jsonPath === fieldPath(entry, 'command')) {
        return editAction(plan, `${code}:split-command`, 'Split it into the command and its arguments', { op: 'split-command' })
      }
      const index = argIndexAt(entry, jsonPath)
      return index === undefined ? [] : editAction(plan, `${code}:split-arg:${index}`, `Split argument ${index + 1} into separate arguments`, { op: 'split-arg', index })
    }
    case 'relative-path':
    case 'file-not-found': {
      const index = argIndexAt(entry, evidence.jsonPath)
      const value = typeof evidence.value === 'string' ? evidence.value : undefined
      if (index === undefined || value === undefined || (entry.args ?? [])[index] !== value) return []
      const target = absoluteFor(plan, finding, value)
      return target ? editAction(plan, `${code}:set-arg:${index}`, `Use the absolute path ${target}`, { op: 'set-arg', index, value: target }) : []
    }
    default:
      return []
  }
}

/**
 * The absolute path a relative or `~` path should be: `~/x` in the home folder (only when the
 * rule saw the file there), a relative path where it resolves today (only when it exists there).
 */
function absoluteFor(plan: PlanContext, finding: Finding, value: string): string | undefined {
  const p = plan.ctx.platform === 'win32' ? path.win32 : path.posix
  if (/^~[/\\]/.test(value)) return finding.code === 'relative-path' ? p.join(plan.ctx.home, value.slice(2)) : undefined
  const resolved = finding.evidence?.resolved
  return finding.code === 'relative-path' && finding.severity === 'warning' && typeof resolved === 'string' ? resolved : undefined
}

/** Puts a folder first on the server's PATH (in front of the entry's own PATH, or the client's). */
function pathAction(plan: PlanContext, id: string, dir: string, clientPath: string[]): FixAction[] {
  const sep = plan.ctx.platform === 'win32' ? ';' : ':'
  const rest = plan.entry.env?.PATH !== undefined ? plan.entry.env.PATH.split(sep) : clientPath.length > 0 ? clientPath : ['/usr/bin', '/bin']
  const value = [dir, ...rest.filter((d) => d !== dir && d !== '')].join(sep)
  return editAction(plan, id, `Put ${dir} first on the server's PATH`, { op: 'set-env', key: 'PATH', value })
}

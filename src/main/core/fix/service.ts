import { AppError } from '../../../shared/contract'
import type { FixAction } from '../../../shared/fix-action'
import type { FixOutcome, FixPreview } from '../../../shared/fix'
import type { ServerReport } from '../../../shared/report'
import type { Session } from '../api/session'
import type { EngineContext } from '../context'
import { applyChmod, chmodPlan, octal } from '../config/chmod'
import { backupsHome, editConfig, prepareEdit, undoEdit, type EditRequest } from '../config/service'
import { REDACTED } from '../report/redact'
import { findAction, type FoundAction } from './lookup'
import { maskedDiff } from './preview'
import { afterFileFix, beforeOf, gone, refreshFileFindings, retestOrGone, snapshot } from './outcome'
import { resolveOp, type ValueDeps } from './values'

export interface FixDeps extends ValueDeps {
  session: Session
  /** MCP Medic's data folder for backups (default: per OS, from the context) */
  dataDir?: string
  /** re-examines one server the way `diagnose:server` does */
  retest: (ctx: EngineContext, id: string, projects?: string[]) => Promise<ServerReport>
}

export interface FixTarget {
  serverId: string
  actionId: string
  input?: string
  projects?: string[]
}

/**
 * What an action would do. Edits: the unified diff of the file (every secret value masked on
 * both sides) and the hash it was made from; chmod: the words to confirm; a page or a command:
 * what the app shows. Nothing is written.
 */
export async function previewFix(ctx: EngineContext, target: FixTarget, deps: FixDeps): Promise<FixPreview> {
  const found = findAction(deps.session, target.serverId, target.actionId)
  const action = found.action
  switch (action.kind) {
    case 'edit': {
      const resolved = await resolveOp(ctx, action, target.input, deps, { projects: target.projects, preview: true })
      // the diff is made with the mask in place of the value, so no part of it can show
      const shown = resolved.value !== undefined && (resolved.op.op === 'set-env' || resolved.op.op === 'set-header') ? { ...resolved.op, value: REDACTED } : resolved.op
      const prepared = await prepareEdit(ctx, editRequest(action, shown, target.projects), deps)
      return {
        action,
        summary: inFile(prepared.summary, prepared.configPath, resolved.words),
        configPath: prepared.configPath,
        diff: maskedDiff(prepared, resolved.value === undefined ? [] : [resolved.value]),
        expectedHash: prepared.hashBefore
      }
    }
    case 'chmod': {
      const plan = await chmodPlan(ctx, action.path)
      return {
        action,
        summary: `Gives ${action.path} the execute permission (chmod +x).`,
        // what the user confirms: fix:apply needs it back, and refuses if the file changed since
        expectedHash: plan.token,
        confirm: `Change the permissions of ${action.path} from ${octal(plan.mode)} to ${octal(plan.next)}, so it can be started as a program? Undo puts ${octal(plan.mode)} back.`
      }
    }
    case 'open-url':
      return { action, summary: `Opens ${action.url} in your browser.` }
    case 'copy':
      return { action, summary: 'Copies the command, to run it in a terminal.' }
  }
}

/**
 * Carries an action out: an edit through the edit service (backup, atomic write, refused when the
 * file changed since `expectedHash`), or chmod +x (recorded with the old mode); then re-probes
 * the server at once, records the new report in the session and returns before and after.
 */
export async function applyFix(ctx: EngineContext, target: FixTarget & { expectedHash?: string }, deps: FixDeps): Promise<FixOutcome> {
  const found = findAction(deps.session, target.serverId, target.actionId)
  const action = found.action
  if (action.kind === 'open-url' || action.kind === 'copy') {
    throw new AppError('invalid-request', `"${action.label}" is carried out by the app (${action.kind === 'open-url' ? 'it opens the page' : 'it copies the text'}); there is nothing to apply.`)
  }
  if (action.kind === 'chmod') {
    if (target.input !== undefined) throw new AppError('invalid-request', `"${action.label}" takes no typed value.`)
    if (target.expectedHash === undefined) throw new AppError('invalid-request', `"${action.label}" is carried out only once confirmed: ask fix:preview for the words to confirm, and pass its expectedHash.`)
    const record = await applyChmod(ctx, action.path, backupsHome(ctx, deps), target.expectedHash)
    return retested(ctx, found, { summary: `${sentence(record.summary)}.`, backupId: record.id }, target, deps)
  }
  const resolved = await resolveOp(ctx, action, target.input, deps, { projects: target.projects })
  const result = await editConfig(ctx, { ...editRequest(action, resolved.op, target.projects), expectedHash: target.expectedHash }, deps)
  const summary = inFile(result.summary, result.configPath, resolved.words)
  if (!found.server) return afterFileFix(ctx, found.finding, { summary, backupId: result.backupId, configPath: result.configPath }, target.projects, deps)
  return retested(ctx, found, { summary, backupId: result.backupId, configPath: result.configPath }, { ...target, serverId: result.serverId ?? target.serverId }, deps)
}

/** Undoes an applied fix (an edit's backup, or chmod's old mode) and re-probes the server. */
export async function undoFix(ctx: EngineContext, request: { backupId: string; serverId: string; projects?: string[] }, deps: FixDeps): Promise<FixOutcome> {
  const before = deps.session.server(request.serverId) ?? (await retestOrGone(ctx, request.serverId, request.projects, deps))
  const result = await undoEdit(ctx, request.backupId, deps)
  const after = await retestOrGone(ctx, request.serverId, request.projects, deps)
  const summary = `Undone: ${result.summary.replace(/^undo: /, '')}.`
  if (after === undefined) {
    // the undo took the server out of view (an undone key rename): its file's findings are back
    await refreshFileFindings(ctx, result.configPath, request.projects, deps)
    if (!before) throw new AppError('not-found', `No server with id ${request.serverId} is configured, before or after the undo.`)
    return { summary, backupId: result.backupId, configPath: result.configPath, serverId: request.serverId, before: snapshot(before), after: gone(), server: before, gone: true }
  }
  deps.session.recordServer(after)
  return { summary, backupId: result.backupId, configPath: result.configPath, serverId: after.id, before: before ? snapshot(before) : beforeOf(undefined), after: snapshot(after), server: after }
}

async function retested(ctx: EngineContext, found: FoundAction, done: { summary: string; backupId: string; configPath?: string }, target: FixTarget, deps: FixDeps): Promise<FixOutcome> {
  const oldId = found.server?.id ?? target.serverId
  const after = await deps.retest(ctx, target.serverId, target.projects)
  deps.session.recordServer(after, oldId)
  return { ...done, serverId: after.id, before: beforeOf(found), after: snapshot(after), server: after }
}

function editRequest(action: Extract<FixAction, { kind: 'edit' }>, op: EditRequest['op'], projects: string[] | undefined): EditRequest {
  return action.edit.configPath !== undefined ? { configPath: action.edit.configPath, op, projects } : { serverId: action.edit.serverId, op, projects }
}

/** "Set variable X of "a" in /path (value copied from …)." — the file named once. */
function inFile(summary: string, file: string, words: string): string {
  return `${sentence(summary)}${summary.includes(file) ? '' : ` in ${file}`}${words}.`
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

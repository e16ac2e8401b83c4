import { AppError, type Channel, type EventName, type EventPayload, type ParsedRequest, type Response } from '../../../shared/contract'
import { currentContext, type EngineContext } from '../context'
import { checkEntryText, entryText, revealSecret, saveEntryText } from '../config/entry-editor'
import { editConfig, editHistory, undoEdit } from '../config/service'
import { applyFix, previewFix, undoFix, type FixDeps } from '../fix/service'
import { CLIENT_IDS, type ClientId } from '../../../shared/report'
import { diagnose, diagnoseServer, discoverAll } from '../diagnose/run'
import { LoginShellCache } from '../env/login-shell'
import { reportChannels, type AskSavePath } from '../report/handlers'
import { listServerLogs, readServerLog } from '../logs/service'
import { StatusCache } from '../status/check'
import { TOOL } from '../version'
import { Session } from './session'

/** What a handler may do besides answering: push events to the caller's window or page. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export type Handlers = {
  [C in Channel]: (request: ParsedRequest<C>, call: CallContext) => Promise<Response<C>>
}

export interface HandlerDeps {
  /** the machine as the engine sees it; read per call so a changed environment is picked up */
  context?: () => EngineContext
  /** MCP Medic's data folder for edit backups (default: per OS, from the context) */
  dataDir?: string
  /** what this app session remembers (the last diagnosis, re-tests); a fresh one by default */
  session?: Session
  /** the desktop app's save dialog for `report:save`; without it that channel answers unavailable */
  askSavePath?: AskSavePath
}

/**
 * The contract's handlers, in plain Node: the Electron IPC adapter and the browser face's HTTP
 * server both serve exactly these. The renderer names servers by id; the engine decides what runs.
 */
export function createHandlers(deps: HandlerDeps = {}): Handlers {
  const context = deps.context ?? (() => currentContext())
  // One login-shell read serves every re-test; an explicit re-run reads it again.
  const loginShell = new LoginShellCache()
  const session = deps.session ?? new Session()
  const reports = reportChannels({ context, lastReport: () => session.report(), dataDir: deps.dataDir, askSavePath: deps.askSavePath })
  const status = new StatusCache()
  // The entry editor reads only the client the server belongs to (its id starts with it).
  const editDeps = (serverId: string) => ({ dataDir: deps.dataDir, discover: (ctx: EngineContext, options: { projects?: string[] }) => discoverAll(ctx, { ...options, clients: clientOf(serverId) }) })
  const fixDeps: FixDeps = {
    session,
    dataDir: deps.dataDir,
    discover: discoverAll,
    retest: (ctx, id, projects) => diagnoseServer(ctx, id, { projects, readLoginShell: (c) => loginShell.get(c) }),
    // a value copied from the login shell is read from it now, not from the diagnosis' read
    loginShellEnv: async (ctx, fresh) => (await loginShell.get(ctx, { refresh: fresh })).env
  }
  return {
    'app:info': async () => {
      const ctx = context()
      return { ...TOOL, platform: ctx.platform, home: ctx.home, cwd: ctx.cwd }
    },
    'diagnose:run': async (request, call) => {
      const report = await diagnose(context(), {
        ...request,
        readLoginShell: (ctx) => loginShell.get(ctx, { refresh: true, timeoutMs: request.shellTimeoutMs }),
        onProgress: (event) => call.emit('diagnose:progress', event)
      })
      session.recordReport(report)
      return report
    },
    'diagnose:server': async (request, call) => {
      const server = await diagnoseServer(context(), request.id, {
        ...request,
        readLoginShell: (ctx) => loginShell.get(ctx),
        onProgress: (event) => call.emit('diagnose:progress', event)
      })
      session.recordServer(server)
      return server
    },
    'config:edit': async (request) => editConfig(context(), request, { discover: discoverAll, dataDir: deps.dataDir }),
    'config:undo': async (request) => undoEdit(context(), request.backupId, { dataDir: deps.dataDir }),
    'config:history': async () => editHistory(context(), { dataDir: deps.dataDir }),
    // Channels agreed in the contract whose engines are being built (issues 8, 9, 10).
    'config:entry': async (request) => entryText(context(), request, editDeps(request.serverId)),
    'config:check': async (request) => checkEntryText(context(), request, editDeps(request.serverId)),
    'config:save': async (request) => saveEntryText(context(), request, editDeps(request.serverId)),
    'secret:reveal': async (request) => revealSecret(context(), request, editDeps(request.serverId)),
    'fix:preview': async (request) => previewFix(context(), request, fixDeps),
    'fix:apply': async (request) => applyFix(context(), request, fixDeps),
    'fix:undo': async (request) => undoFix(context(), request, fixDeps),
    'logs:list': async (request) => listServerLogs(context(), request.serverId, { ...editDeps(request.serverId), projects: request.projects }),
    'logs:read': async (request) => readServerLog(context(), request.serverId, request.fileId, request, { ...editDeps(request.serverId), projects: request.projects }),
    'status:check': async (request) => status.get(context(), request),
    'clients:views': notYet('clients:views'),
    'report:export': reports['report:export'],
    'report:save': reports['report:save']
  }
}

/** The client a server id names (ids start with it), to read only that client's files. */
function clientOf(serverId: string): ClientId[] | undefined {
  const client = serverId.slice(0, serverId.indexOf(':'))
  return (CLIENT_IDS as readonly string[]).includes(client) ? [client as ClientId] : undefined
}

function notYet(channel: Channel): () => Promise<never> {
  return async () => {
    throw new AppError('unavailable', `${channel} is not available in this build yet.`)
  }
}

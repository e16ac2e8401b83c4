import type { Api, ErrorCode, Request, Response, Result } from '../../shared/contract'
import type { FixOutcome, ServerSnapshot } from '../../shared/fix'
import { serverResult } from '../../shared/present'
import type { ServerReport } from '../../shared/report'
import type { AppState } from './store'

/**
 * The parts of the app state that come from the engine's newer channels: the outage line, the
 * clients' own verdicts, the history of edits, and edits with their re-test. A channel this build
 * does not offer yet answers `unavailable`; that becomes a quiet state here, never an error.
 */

/** Something loaded from the engine: not asked yet, on its way, there, or not offered by this build. */
export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading'; value?: T }
  | { state: 'ready'; value: T }
  | { state: 'unavailable'; message: string }
  | { state: 'failed'; message: string }

export type BackupRecord = Response<'config:history'>[number]

/** An edit or undo carried out, with the server before and after its re-test. */
export interface Change {
  summary: string
  backupId?: string
  serverId: string
  before: ServerSnapshot
  after?: ServerSnapshot
}

export type ChangeResult = { ok: true; change: Change } | { ok: false; code: ErrorCode; message: string }

export interface Services {
  outage: Loadable<Response<'status:check'>>
  checkStatus(refresh?: boolean): Promise<void>
  clientViews: Loadable<Response<'clients:views'>>
  loadClientViews(refresh?: boolean): Promise<void>
  history: Loadable<BackupRecord[]>
  loadHistory(): Promise<void>
  /** servers whose entries were changed in this session: their client must pick the change up */
  edited: Record<string, true>
  /** the user made the client pick up the change: step 7 stops asking */
  pickedUp(serverId: string): void
  /** edits a server's entry through `config:edit`, then re-tests it */
  editServer(request: Request<'config:edit'> & { serverId: string }): Promise<ChangeResult>
  /** saves the step-2 editor's text through `config:save`, then re-tests the server */
  saveEntry(request: Request<'config:save'>): Promise<ChangeResult>
  /** undoes an edit (through `fix:undo` where the build has it, else `config:undo`) and re-tests the server */
  undo(backupId: string, serverId: string): Promise<ChangeResult>
  /** takes in what `fix:apply` returned: the re-probed server, the history, the restart reminder */
  applyOutcome(outcome: FixOutcome, previousId: string): void
}

type Set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void
type Get = () => AppState

/** A server's state in short: the same shape `fix:apply` reports before and after. */
export function snapshot(server: ServerReport): ServerSnapshot {
  return {
    status: server.status,
    tools: server.probe?.tools,
    codes: server.findings.map((f) => f.code),
    line: serverResult(server).replace(/`/g, '')
  }
}

/** The loadable state a result becomes: `unavailable` is a quiet state of its own. */
export function loaded<T>(result: Result<T>): Loadable<T> {
  if (result.ok) return { state: 'ready', value: result.value }
  return result.error.code === 'unavailable' ? { state: 'unavailable', message: result.error.message } : { state: 'failed', message: result.error.message }
}

export function createServices(api: Api, set: Set, get: Get): Services {
  const find = (id: string): ServerReport | undefined => get().servers.find((v) => v.server.id === id)?.server

  /** Re-tests after a change and says what changed. */
  const retested = async (summary: string, serverId: string, previousId: string, backupId?: string): Promise<ChangeResult> => {
    const before = find(previousId)
    set((state) => ({ edited: { ...state.edited, [serverId]: true } }))
    void get().loadHistory()
    const after = await get().retest(serverId, previousId)
    return {
      ok: true,
      change: { summary, backupId, serverId, before: before ? snapshot(before) : { status: 'skipped', codes: [], line: 'unknown' }, after: after ? snapshot(after) : undefined }
    }
  }

  return {
    outage: { state: 'idle' },
    clientViews: { state: 'idle' },
    history: { state: 'idle' },
    edited: {},

    async checkStatus(refresh) {
      set((state) => ({ outage: { state: 'loading', value: state.outage.state === 'ready' ? state.outage.value : undefined } }))
      set({ outage: loaded(await api.status.check({ refresh })) })
    },

    async loadClientViews(refresh) {
      const current = get().clientViews.state
      if (!refresh && (current === 'loading' || current === 'ready' || current === 'unavailable')) return
      set({ clientViews: { state: 'loading' } })
      set({ clientViews: loaded(await api.clients.views({ refresh })) })
    },

    async loadHistory() {
      set((state) => ({ history: { state: 'loading', value: state.history.state === 'ready' ? state.history.value : undefined } }))
      set({ history: loaded(await api.config.history({})) })
    },

    pickedUp(serverId) {
      set((state) => {
        const { [serverId]: _done, ...edited } = state.edited
        return { edited }
      })
    },

    async editServer(request) {
      const result = await api.config.edit(request)
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message }
      return retested(result.value.summary, result.value.serverId ?? request.serverId, request.serverId, result.value.backupId)
    },

    async saveEntry(request) {
      const result = await api.config.save(request)
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message }
      return retested(result.value.summary, result.value.serverId ?? request.serverId, request.serverId, result.value.backupId)
    },

    async undo(backupId, serverId) {
      const viaFix = await api.fix.undo({ backupId, serverId })
      if (viaFix.ok) {
        get().applyOutcome(viaFix.value, serverId)
        return { ok: true, change: { summary: viaFix.value.summary, serverId: viaFix.value.serverId, before: viaFix.value.before, after: viaFix.value.after } }
      }
      if (viaFix.error.code !== 'unavailable') return { ok: false, code: viaFix.error.code, message: viaFix.error.message }
      const result = await api.config.undo({ backupId })
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message }
      return retested(result.value.summary, result.value.serverId ?? serverId, serverId)
    },

    applyOutcome(outcome, previousId) {
      get().putServer(outcome.server, previousId)
      set((state) => ({ edited: outcome.backupId ? { ...state.edited, [outcome.serverId]: true } : state.edited }))
      if (outcome.backupId) void get().loadHistory()
    }
  }
}

import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api, ProgressEvent, Response } from '../../shared/contract'
import type { Finding, Step } from '../../shared/findings'
import type { FixAction } from '../../shared/fix-action'
import type { ConfigReport, Report, ServerReport } from '../../shared/report'
import { createServices, type Services } from './services'
import { buildSteps, openingStep } from './steps'

/** Where a server is in the current run. */
export type ServerPhase = 'pending' | 'probing' | 'done'

export interface ServerView {
  server: ServerReport
  phase: ServerPhase
  /** when its probe started (ms since the epoch), to say which server is slow */
  startedAt?: number
}

/** The page the main pane shows: the overview, one server's seven steps, or the map of config files. */
export type View = 'home' | 'server' | 'map'

export interface AppState extends Services {
  api: Api
  info?: Response<'app:info'>
  /** idle before the first run; running while a diagnosis is under way */
  status: 'idle' | 'running' | 'done' | 'failed'
  error?: string
  runId?: string
  servers: ServerView[]
  /** findings that belong to no single server (a broken file, …) */
  findings: Finding[]
  report?: Report
  /** every config file read, as soon as discovery is done */
  configs: ConfigReport[]
  view: View
  /** the server the page shows, or the one the overview suggests looking at first */
  selectedId?: string
  /** the step open on the server's page */
  step: Step
  /** servers being re-tested on their own, with the run id of each re-test */
  retesting: Record<string, string>
  run(): Promise<void>
  /** re-tests one server; `replacesId` names the entry it was before a rename */
  retest(id: string, replacesId?: string): Promise<ServerReport | undefined>
  /** opens a server's page, at `step` or at its first problem */
  select(id: string | undefined, step?: Step): void
  setStep(step: Step): void
  showHome(): void
  showMap(): void
  /** the fix action whose dialog is open: held here, not in the finding, because applying it can make the finding go away */
  fix?: { action: FixAction; serverId: string }
  openFix(action: FixAction, serverId: string): void
  closeFix(): void
  /** replaces a server with a fresh report of it (a fix's re-probe) */
  putServer(server: ServerReport, replacesId?: string): void
  /** addition (export dialog): the last diagnosis as a file to share, and the desktop save dialog */
  exportReport(format: 'md' | 'json' | 'html'): ReturnType<Api['report']['export']>
  saveReport(format: 'md' | 'json' | 'html'): ReturnType<Api['report']['save']>
  dispose(): void
}

export type AppStore = StoreApi<AppState>

let counter = 0
function newRunId(): string {
  counter += 1
  return `run-${Date.now().toString(36)}-${counter}`
}

/**
 * The troubleshooter's state. Made by a factory that receives the api, so tests pass a fake and
 * the app passes the preload's or the HTTP one; nothing here knows which.
 */
export function createAppStore(api: Api): AppStore {
  const store = createStore<AppState>()((set, get) => ({
    api,
    status: 'idle',
    servers: [],
    findings: [],
    configs: [],
    view: 'home',
    step: 1,
    retesting: {},
    ...createServices(api, set, get),

    async run() {
      if (get().status === 'running') return
      const runId = newRunId()
      set({ status: 'running', runId, error: undefined })
      if (!get().info) {
        const info = await api.app.info({})
        if (info.ok) set({ info: info.value })
      }
      const result = await api.diagnose.run({ runId })
      if (get().runId !== runId) return
      if (!result.ok) {
        set({ status: 'failed', error: result.error.message })
        return
      }
      const report = result.value
      set((state) => ({
        status: 'done',
        report,
        findings: report.findings,
        configs: report.configs,
        servers: report.servers.map((server) => ({ server, phase: 'done' })),
        selectedId: pickSelection(state.selectedId, report.servers),
        view: state.view === 'server' && !report.servers.some((s) => s.id === state.selectedId) ? 'home' : state.view
      }))
    },

    async retest(id, replacesId) {
      if (get().retesting[id]) return undefined
      const runId = newRunId()
      set((state) => ({ retesting: { ...state.retesting, [id]: runId } }))
      const result = await api.diagnose.server({ id, runId })
      set((state) => {
        const { [id]: _done, ...retesting } = state.retesting
        if (!result.ok) return { retesting, error: result.error.message }
        return { retesting, error: undefined, ...replaced(state, result.value, replacesId ?? id) }
      })
      return result.ok ? result.value : undefined
    },

    select(id, step) {
      const server = get().servers.find((v) => v.server.id === id)?.server
      if (!server) {
        set({ selectedId: undefined, view: 'home' })
        return
      }
      const { configs, findings } = get()
      set({ selectedId: id, view: 'server', step: step ?? openingStep(buildSteps(server, { configs, globalFindings: findings })) })
    },

    setStep(step) {
      set({ step })
    },

    showHome() {
      set({ view: 'home' })
    },

    showMap() {
      set({ view: 'map' })
    },

    openFix(action, serverId) {
      set({ fix: { action, serverId } })
    },

    closeFix() {
      set({ fix: undefined })
    },

    putServer(server, replacesId) {
      set((state) => replaced(state, server, replacesId ?? server.id))
    },

    exportReport: (format) => api.report.export({ format }),
    saveReport: (format) => api.report.save({ format }),

    dispose() {
      unsubscribe()
    }
  }))

  const unsubscribe = api.on('diagnose:progress', (event) => store.setState((state) => applyProgress(state, event)))
  return store
}

/** Folds one progress event into the state. Events of other runs are ignored. */
export function applyProgress(state: AppState, event: ProgressEvent, now: number = Date.now()): Partial<AppState> {
  const ours = event.runId === state.runId || Object.values(state.retesting).includes(event.runId)
  if (!ours) return {}
  switch (event.phase) {
    case 'discovered':
      if (event.runId !== state.runId) return {}
      return {
        servers: event.servers.map((server) => ({ server, phase: 'pending' })),
        selectedId: pickSelection(state.selectedId, event.servers),
        ...(event.configs ? { configs: event.configs } : {}),
        ...(event.findings ? { findings: event.findings } : {})
      }
    case 'probing':
      return { servers: state.servers.map((v) => (v.server.id === event.id ? { ...v, phase: 'probing', startedAt: now } : v)) }
    case 'server-done':
      return { servers: replaceServer(state.servers, event.server, 'done') }
    case 'done':
      return {}
  }
}

/** The state after one server is replaced, following a rename in the selection. */
function replaced(state: AppState, server: ServerReport, replacesId: string): Partial<AppState> {
  return { servers: replaceServer(state.servers, server, 'done', replacesId), selectedId: state.selectedId === replacesId ? server.id : state.selectedId }
}

/** Puts a server in the place of `replacesId` (or of its own id), dropping any other copy of either. */
function replaceServer(views: readonly ServerView[], server: ServerReport, phase: ServerPhase, replacesId = server.id): ServerView[] {
  const old = views.findIndex((v) => v.server.id === replacesId)
  const at = old !== -1 ? old : views.findIndex((v) => v.server.id === server.id)
  if (at === -1) return [...views, { server, phase }]
  return views.flatMap((v, i) => (i === at ? [{ server, phase }] : v.server.id === server.id || v.server.id === replacesId ? [] : [v]))
}

/** Keeps the selected server when it still exists, else picks the first with a problem. */
function pickSelection(current: string | undefined, servers: readonly ServerReport[]): string | undefined {
  if (current && servers.some((s) => s.id === current)) return current
  return (servers.find((s) => s.status === 'error') ?? servers.find((s) => s.status === 'warning') ?? servers[0])?.id
}

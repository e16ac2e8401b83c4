import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api, ProgressEvent, Response } from '../../shared/contract'
import type { Finding } from '../../shared/findings'
import type { ConfigReport, Report, ServerReport } from '../../shared/report'

/** Where a server is in the current run. */
export type ServerPhase = 'pending' | 'probing' | 'done'

export interface ServerView {
  server: ServerReport
  phase: ServerPhase
}

export interface AppState {
  info?: Response<'app:info'>
  /** idle before the first run; running while a diagnosis is under way */
  status: 'idle' | 'running' | 'done' | 'failed'
  error?: string
  runId?: string
  servers: ServerView[]
  /** findings that belong to no single server (a broken file, …) */
  findings: Finding[]
  report?: Report
  /** addition: every config file read, as soon as discovery is done */
  configs: ConfigReport[]
  /** addition: what the main pane shows: the selected server, or the map of config files */
  view: 'server' | 'map'
  showMap(): void
  selectedId?: string
  /** servers being re-tested on their own, with the run id of each re-test */
  retesting: Record<string, string>
  run(): Promise<void>
  retest(id: string): Promise<void>
  select(id: string | undefined): void
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
    status: 'idle',
    servers: [],
    findings: [],
    configs: [],
    view: 'server',
    retesting: {},

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
        selectedId: pickSelection(state.selectedId, report.servers)
      }))
    },

    async retest(id) {
      if (get().retesting[id]) return
      const runId = newRunId()
      set((state) => ({ retesting: { ...state.retesting, [id]: runId } }))
      const result = await api.diagnose.server({ id, runId })
      set((state) => {
        const { [id]: _done, ...retesting } = state.retesting
        if (!result.ok) return { retesting, error: result.error.message }
        return { retesting, servers: replaceServer(state.servers, result.value, 'done') }
      })
    },

    select(id) {
      set({ selectedId: id, view: 'server' })
    },

    showMap() {
      set({ view: 'map' })
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
export function applyProgress(state: AppState, event: ProgressEvent): Partial<AppState> {
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
      return { servers: state.servers.map((v) => (v.server.id === event.id ? { ...v, phase: 'probing' } : v)) }
    case 'server-done':
      return { servers: replaceServer(state.servers, event.server, 'done') }
    case 'done':
      return {}
  }
}

function replaceServer(views: readonly ServerView[], server: ServerReport, phase: ServerPhase): ServerView[] {
  return views.some((v) => v.server.id === server.id)
    ? views.map((v) => (v.server.id === server.id ? { server, phase } : v))
    : [...views, { server, phase }]
}

/** Keeps the selected server when it still exists, else picks the first with a problem. */
function pickSelection(current: string | undefined, servers: readonly ServerReport[]): string | undefined {
  if (current && servers.some((s) => s.id === current)) return current
  return (servers.find((s) => s.status === 'error') ?? servers.find((s) => s.status === 'warning') ?? servers[0])?.id
}

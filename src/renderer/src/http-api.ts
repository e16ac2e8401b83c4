import { buildApi, type Api, type Result } from '../../shared/contract'

/**
 * The contract over HTTP, for the browser face (`mcp-medic serve`): calls are POSTs to
 * /api/call, push events arrive on one EventSource. Same `Api` shape as the preload's.
 */
export function createHttpApi(token: string, base = ''): Api {
  let source: EventSource | undefined
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  const ensureSource = (): EventSource => {
    if (source) return source
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
    return source
  }

  return buildApi({
    async invoke(channel, request): Promise<Result<unknown>> {
      try {
        const response = await fetch(`${base}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-MCP-Medic-Token': token },
          body: JSON.stringify({ channel, request })
        })
        if (!response.ok) {
          const text = (await response.text()).trim()
          return { ok: false, error: { code: response.status === 401 ? 'forbidden' : 'unavailable', message: `${response.status}: ${text}` } }
        }
        return (await response.json()) as Result<unknown>
      } catch (error) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `MCP Medic is not reachable (${(error as Error).message}). Is \`mcp-medic serve\` still running?` }
        }
      }
    },
    subscribe(event, listener) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
        const all = set
        ensureSource().addEventListener(event, (message) => {
          let payload: unknown
          try {
            payload = JSON.parse((message as MessageEvent<string>).data)
          } catch {
            return
          }
          for (const l of all) l(payload)
        })
      }
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    }
  })
}

/**
 * The api this page talks to: the preload's inside Electron, otherwise HTTP with the token from
 * the URL (which is then removed from the address bar; a cookie keeps the session).
 */
export function resolveApi(win: Window = window): Api | undefined {
  if (win.api) return win.api
  const url = new URL(win.location.href)
  const token = url.searchParams.get('token') ?? win.sessionStorage.getItem('mcp-medic-token')
  if (!token) return undefined
  win.sessionStorage.setItem('mcp-medic-token', token)
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token')
    win.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return createHttpApi(token)
}

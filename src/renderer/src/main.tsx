import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App'
import { StoreProvider } from './hooks'
import { resolveApi } from './http-api'
import { createAppStore } from './store'
import './styles.css'
import './overview.css'
import './steps.css'
import './evidence.css'
import './dialogs.css'
import './troubleshooter.css'

const root = createRoot(document.getElementById('root')!)
const api = resolveApi()
if (!api) {
  root.render(
    <main className="fatal">
      <h1>MCP Medic cannot reach its engine</h1>
      <p>Open the URL that <code>mcp-medic serve</code> printed, including its <code>?token=…</code> part.</p>
    </main>
  )
} else {
  const store = createAppStore(api)
  api.on('app:command', ({ command }) => {
    if (command === 'rerun') void store.getState().run()
  })
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>
  )
  void store.getState().run()
  // the outage line never delays the diagnosis: both start at once
  void store.getState().checkStatus()
}

import { render } from '@testing-library/react'
import { App } from '../../src/renderer/src/components/App'
import { StoreProvider } from '../../src/renderer/src/hooks'
import { createAppStore } from '../../src/renderer/src/store'
import type { Report } from '../../src/shared/report'
import { FakeApi } from './fake-api'

/** The whole app on a fake api whose diagnosis returns `report`, after a first run; `script` answers other channels first. */
export async function renderApp(report: Report, script?: (fake: FakeApi) => void) {
  const fake = new FakeApi()
  fake.runResult = { ok: true, value: report }
  script?.(fake)
  const store = createAppStore(fake.api())
  await store.getState().run()
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  )
  return { fake, store }
}

import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { editConfig, type EditRequest } from '../../../src/main/core/config/service'
import type { EngineContext } from '../../../src/main/core/context'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { AppError } from '../../../src/shared/contract'
import { installCorpus } from '../../fixtures/configs/install'
import { makeHome, type TempHome } from '../../helpers/home'

/**
 * A fresh temp home holding the whole config corpus for each test of the file that imports this
 * module (Linux model, the corpus project as the current folder, backups in `dataDir`). The
 * bindings below are live: they hold the current test's values.
 */
export let t: TempHome
export let ctx: EngineContext
export let project: string
export let dataDir: string

beforeEach(async () => {
  t = await makeHome()
  dataDir = path.join(t.home, 'medic-data')
  const base = t.context({ platform: 'linux' })
  project = (await installCorpus(base)).project
  ctx = { ...base, cwd: project }
})
afterEach(async () => {
  await t.cleanup()
})

/** The discovered entry of one client, scope and name. Throws when there is none. */
export async function server(client: string, scope: string, name: string): Promise<ServerEntry> {
  const s = (await discoverAll(ctx, {})).servers.find((x) => x.client === client && x.scope === scope && x.name === name)
  if (!s) throw new Error(`no ${client}/${scope}/${name}`)
  return s
}

/** An edit through the service, as the contract's handler makes it. */
export function edit(request: EditRequest, beforeRename?: (temp: string) => Promise<void>) {
  return editConfig(ctx, request, { discover: discoverAll, dataDir, beforeRename })
}

/** The error an edit that must be refused is refused with. */
export async function failure(request: EditRequest): Promise<AppError> {
  try {
    await edit(request)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the edit to be refused')
}

/** Replaces the corpus home with an empty one for the rest of the test. */
export async function startEmpty(): Promise<void> {
  await t.cleanup()
  t = await makeHome()
  ctx = t.context({ platform: 'linux' })
}

/** Changes the machine description for the rest of the test. */
export function setContext(next: EngineContext): void {
  ctx = next
}

import path from 'node:path'
import { expect } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers, type Handlers } from '../../../src/main/core/api/handlers'
import type { EngineContext } from '../../../src/main/core/context'
import { contract, type Channel, type Request, type Response } from '../../../src/shared/contract'
import type { FindingCode } from '../../../src/shared/findings'
import type { FixAction } from '../../../src/shared/fix-action'
import type { Report, ServerReport } from '../../../src/shared/report'
import type { TempHome } from '../../helpers/home'

/** The engine's handlers on a temp home, called the way the renderer calls them: through the contract. */
export interface Engine {
  handlers: Handlers
  /** calls a channel and returns its answer; fails the test with the error when it fails */
  call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>>
  /** calls a channel that must fail, and returns its error */
  refuse<C extends Channel>(channel: C, request: Request<C>): Promise<{ code: string; message: string }>
  /** every answer so far, as JSON (for the search for planted secrets) */
  transcript: string[]
}

/** A user whose client starts servers with a short PATH, whose login shell is bash. */
export function userContext(t: TempHome, overrides: Partial<EngineContext> = {}): EngineContext {
  return t.context({ env: { PATH: '/usr/bin:/bin', HOME: t.home, USER: 'tester', SHELL: '/bin/bash' }, ...overrides })
}

export function engine(t: TempHome, context: () => EngineContext = () => userContext(t)): Engine {
  const handlers = createHandlers({ context, dataDir: path.join(t.home, 'medic-data') })
  const transcript: string[] = []
  const noop = { emit: () => {} }
  return {
    handlers,
    transcript,
    async call(channel, request) {
      const result = await dispatch(handlers, channel, request, noop)
      transcript.push(JSON.stringify(result))
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
      // every answer matches the contract's response schema
      return contract[channel].response.parse(result.value) as Response<typeof channel>
    },
    async refuse(channel, request) {
      const result = await dispatch(handlers, channel, request, noop)
      transcript.push(JSON.stringify(result))
      if (result.ok) throw new Error(`${channel} was expected to fail, but answered ${JSON.stringify(result.value).slice(0, 300)}`)
      return result.error
    }
  }
}

export function server(report: Pick<Report, 'servers'>, name: string): ServerReport {
  const found = report.servers.find((s) => s.name === name)
  if (!found) throw new Error(`no server ${name} in ${report.servers.map((s) => s.name).join(', ')}`)
  return found
}

/** Every action on a server's findings. */
export function actions(s: ServerReport): FixAction[] {
  return s.findings.flatMap((f) => [...(f.fix?.action ? [f.fix.action] : []), ...(f.fix?.alternatives ?? [])])
}

/** The primary action of the finding with this code (the test fails when there is none). */
export function primary(s: ServerReport, code: FindingCode): FixAction {
  const f = s.findings.find((x) => x.code === code)
  expect(f, `${s.name} has no ${code}: ${s.findings.map((x) => x.code).join(', ')}`).toBeDefined()
  expect(f!.fix?.action, `${code} of ${s.name} has no action`).toBeDefined()
  return f!.fix!.action!
}

export function codes(s: ServerReport): string[] {
  return s.findings.map((f) => f.code)
}

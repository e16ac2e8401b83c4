import { AppError, contract, isChannel, type Channel, type Result } from '../../../shared/contract'
import type { CallContext, Handlers } from './handlers'

/**
 * Runs one call from an untrusted caller: checks the channel, validates the payload against the
 * contract, runs the handler and returns its answer or an error as data. Never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  call: CallContext,
  log: (message: string) => void = () => {}
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid-request', message: `Unknown channel ${String(channel).slice(0, 80)}` } }
  }
  const parsed = contract[channel].request.safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    return { ok: false, error: { code: 'invalid-request', message: `Invalid ${channel} request${where}: ${issue?.message}` } }
  }
  try {
    const handler = handlers[channel] as (request: unknown, call: CallContext) => Promise<unknown>
    const value = await handler(parsed.data, call)
    return { ok: true, value }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } }
    log(`${channel as Channel} failed: ${(error as Error)?.stack ?? String(error)}`)
    return { ok: false, error: { code: 'internal', message: `MCP Medic failed while handling ${channel}: ${(error as Error)?.message ?? String(error)}` } }
  }
}

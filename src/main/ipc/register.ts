import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { CHANNELS, type EventName, type EventPayload, type Result } from '../../shared/contract'
import { dispatch } from '../core/api/dispatch'
import type { Handlers } from '../core/api/handlers'
import { isTrustedSender } from './sender'

/**
 * The Electron side of the contract. The only file (with the preload) that touches raw IPC: every
 * channel of the contract is registered here through one wrapper that rejects senders other than
 * the app's own window and validates every payload before a handler sees it.
 */

const trusted = new Set<number>()

/** Marks a window's contents as the app's own; forgotten when it is destroyed. */
export function trustWebContents(contents: WebContents, expectedUrl: (url: string) => boolean): void {
  trusted.add(contents.id)
  trustedUrl = expectedUrl
  contents.once('destroyed', () => trusted.delete(contents.id))
}

let trustedUrl: (url: string) => boolean = () => false

function isTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return isTrustedSender({ contentsId: event.sender.id, frameUrl: frame?.url, topFrame: frame?.parent === null }, trusted, trustedUrl)
}

/** Sends a typed push event to one window, if it still exists. */
export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(event, payload)
}

/** Registers every contract channel. Call before any window loads. */
export function registerIpc(handlers: Handlers, log: (message: string) => void): void {
  for (const channel of CHANNELS) {
    ipcMain.removeHandler(channel)
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        log(`refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'unknown'})`)
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call MCP Medic.' } }
      }
      return dispatch(handlers, channel, payload, { emit: (name, data) => sendEvent(event.sender, name, data) }, log)
    })
  }
}

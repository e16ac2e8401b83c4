import { contextBridge, ipcRenderer } from 'electron'
import { buildApi, isEventName } from '../shared/contract'

/**
 * The preload: exposes `window.api`, built from the contract, and nothing else. The page never
 * sees `ipcRenderer`.
 */
const api = buildApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`)
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  }
})

contextBridge.exposeInMainWorld('api', api)

import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, shell } from 'electron'
import { trustWebContents } from './ipc/register'
import { isAppPage, mainWindowOptions, navigationDecision, windowOpenDecision } from './window-policy'

export { isAllowedExternal } from './window-policy'

/**
 * The main window: isolated, sandboxed, no Node in the page, no navigation away from the app,
 * no new windows (https links on the allow-list open in the user's browser), shown once it has
 * painted. The decisions live in window-policy.ts, where tests check them.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.js')))

  const devUrl = process.env.ELECTRON_RENDERER_URL
  const pageUrl = devUrl ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href
  trustWebContents(window.webContents, (url) => isAppPage(url, pageUrl))

  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url)
    if (decision.openExternal) void shell.openExternal(url)
    return { action: decision.action }
  })
  window.webContents.on('will-navigate', (event, url) => {
    const decision = navigationDecision(url, pageUrl)
    if (!decision.allow) event.preventDefault()
    if (decision.openExternal) void shell.openExternal(url)
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (!navigationDecision(url, pageUrl).allow) event.preventDefault()
  })

  void window.loadURL(pageUrl)
  return window
}

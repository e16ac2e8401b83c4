import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, shell } from 'electron'
import { isAllowedLink } from '../shared/runtimes'
import { trustWebContents } from './ipc/register'

/**
 * Only these links leave the app, and only through the user's browser: https pages on the
 * allow-list of official download sites (src/shared/runtimes.ts).
 */
export function isAllowedExternal(url: string): boolean {
  return isAllowedLink(url)
}

/**
 * The main window: isolated, sandboxed, no Node in the page, no navigation away from the app,
 * no new windows (https links open in the user's browser), shown once it has painted.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1240,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'MCP Medic',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })

  const devUrl = process.env.ELECTRON_RENDERER_URL
  const pageUrl = devUrl ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href
  const isAppPage = (url: string): boolean => url.split(/[?#]/)[0] === pageUrl.split(/[?#]/)[0]
  trustWebContents(window.webContents, isAppPage)

  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault()
    if (isAllowedExternal(url)) void shell.openExternal(url)
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault()
  })

  void window.loadURL(pageUrl)
  return window
}

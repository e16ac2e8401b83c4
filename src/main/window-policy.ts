import type { BrowserWindowConstructorOptions } from 'electron'
import { isAllowedLink } from '../shared/runtimes'

/**
 * The main window's security decisions as plain functions (no Electron import, only its types),
 * so tests can check them without a running app; window.ts and index.ts wire them in.
 */

/**
 * The window's options: the page gets no Node, runs sandboxed and context-isolated, with web
 * security on and no way to open devtools or run insecure content.
 */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1240,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'MCP Medic',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false
    }
  }
}

/** Only these links leave the app, and only through the user's browser: https pages on the allow-list of official sites. */
export function isAllowedExternal(url: string): boolean {
  return isAllowedLink(url)
}

/** Whether `url` is the app's own page (its query and fragment aside). */
export function isAppPage(url: string, pageUrl: string): boolean {
  const strip = (u: string): string => u.split(/[?#]/)[0]!
  return strip(url) === strip(pageUrl)
}

/** What to do when the page tries to go to `url`: stay (anything but the app's page is refused), and maybe open it outside. */
export function navigationDecision(url: string, pageUrl: string): { allow: boolean; openExternal: boolean } {
  const allow = isAppPage(url, pageUrl)
  return { allow, openExternal: !allow && isAllowedExternal(url) }
}

/** What to do when the page asks for a new window: never one inside the app; an allowed https link opens in the user's browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: boolean } {
  return { action: 'deny', openExternal: isAllowedExternal(url) }
}

/** Whether a permission the page asks for (camera, notifications, clipboard, …) is granted: never. */
export function permissionDecision(_permission: string): false {
  return false
}

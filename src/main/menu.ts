import { Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { sendEvent } from './ipc/register'

/** The application menu: the usual roles plus the app's own commands. */
export function buildMenu(getWindow: () => BrowserWindow | undefined): Menu {
  const command = (name: 'rerun'): void => {
    const window = getWindow()
    if (window) sendEvent(window.webContents, 'app:command', { command: name })
  }
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Re-run Diagnosis', accelerator: 'CmdOrCtrl+R', click: () => command('rerun') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' as const }] : [])
      ]
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Model Context Protocol documentation', click: () => void shell.openExternal('https://modelcontextprotocol.io/docs') }
      ]
    }
  ]
  return Menu.buildFromTemplate(template)
}

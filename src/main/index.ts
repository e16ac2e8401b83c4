import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import path from 'node:path'
import { createHandlers } from './core/api/handlers'
import { cliArguments, runCli } from './cli-mode'
import { registerIpc } from './ipc/register'
import { buildMenu } from './menu'
import { createMainWindow } from './window'
import { endAllProcessTrees, liveTreeCount } from './core/probe/process-tree'
import { permissionDecision, windowOpenDecision } from './window-policy'

/**
 * The Electron main process: one window, every IPC handler registered before it loads, nothing
 * the page can do beyond the contract. Started with `--cli`, it runs the command line instead.
 */

const log = (message: string): void => {
  process.stderr.write(`[mcp-medic] ${message}\n`)
}

const cliArgs = cliArguments(process.argv)
if (cliArgs) {
  app.dock?.hide()
  void runCli(cliArgs).then((code) => app.exit(code))
} else if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | undefined

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    // No webviews, and no window is ever opened by any contents (the main window adds its own handler).
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => ({ action: windowOpenDecision(url).action }))
  })

  void app.whenReady().then(() => {
    // Nothing the page might ask for (camera, notifications, …) is ever granted.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)))
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission))

    // Every listener must exist before the renderer can call it: register, then create the window.
    registerIpc(createHandlers({ askSavePath: (s) => askSavePath(mainWindow, s) }), log)
    Menu.setApplicationMenu(buildMenu(() => mainWindow))
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => (mainWindow = undefined))

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quitting while probes run ends what they started first: no server outlives the app.
  let ending = false
  app.on('will-quit', (event) => {
    if (ending || liveTreeCount() === 0) return
    event.preventDefault()
    ending = true
    void endAllProcessTrees().finally(() => app.quit())
  })
}

/** The save dialog for an exported report, in the Documents folder; undefined when cancelled. */
async function askSavePath(parent: BrowserWindow | undefined, suggestion: { filename: string; format: 'md' | 'json' | 'html' }): Promise<string | undefined> {
  const names = { md: 'Markdown', json: 'JSON', html: 'HTML page' }
  const options = {
    title: 'Save the MCP Medic report',
    defaultPath: path.join(app.getPath('documents'), suggestion.filename),
    filters: [{ name: names[suggestion.format], extensions: [suggestion.format] }]
  }
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return result.canceled ? undefined : result.filePath
}

import { describe, expect, it } from 'vitest'
import { isTrustedSender } from '../../src/main/ipc/sender'
import { isAppPage, mainWindowOptions, navigationDecision, permissionDecision, windowOpenDecision } from '../../src/main/window-policy'

const PAGE = 'file:///Applications/MCP%20Medic.app/Contents/Resources/app.asar/out/renderer/index.html'

describe('the main window', () => {
  it('gives the page no Node, a sandbox, context isolation and web security', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences!
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false
    })
    // nothing that would loosen them is set at all
    expect(prefs).not.toHaveProperty('enableRemoteModule')
    expect(prefs).not.toHaveProperty('devTools', true)
  })

  it('stays on its own page: every navigation elsewhere is refused', () => {
    expect(navigationDecision(`${PAGE}#/server/x`, PAGE)).toEqual({ allow: true, openExternal: false })
    expect(navigationDecision(`${PAGE}?reload=1`, PAGE).allow).toBe(true)
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'file:///Applications/MCP%20Medic.app/Contents/Resources/app.asar/out/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'http://127.0.0.1:1234/',
      `${PAGE}.evil`
    ]) {
      expect(navigationDecision(url, PAGE), url).toEqual({ allow: false, openExternal: false })
    }
  })

  it('opens no window of its own; an official https download page goes to the browser, nothing else does', () => {
    expect(windowOpenDecision('https://nodejs.org/en/download')).toEqual({ action: 'deny', openExternal: true })
    expect(navigationDecision('https://nodejs.org/en/download', PAGE)).toEqual({ allow: false, openExternal: true })
    for (const url of ['http://nodejs.org/en/download', 'https://nodejs.org.evil.example/', 'https://evil.example/?u=https://nodejs.org', 'file:///tmp/x.html', 'about:blank']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternal: false })
    }
  })

  it('grants no permission the page asks for', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionDecision(p)).toBe(false)
    }
  })

  it('knows its page with or without query and fragment only', () => {
    expect(isAppPage(PAGE, PAGE)).toBe(true)
    expect(isAppPage(`${PAGE}#x`, `${PAGE}?a`)).toBe(true)
    expect(isAppPage(PAGE.replace('index', 'Index'), PAGE)).toBe(false)
  })
})

describe('the IPC sender check', () => {
  const trusted = new Set([7])
  const app = (url: string): boolean => isAppPage(url, PAGE)

  it('accepts the app window’s top frame on the app page only', () => {
    expect(isTrustedSender({ contentsId: 7, frameUrl: PAGE, topFrame: true }, trusted, app)).toBe(true)
    expect(isTrustedSender({ contentsId: 7, frameUrl: `${PAGE}#/x`, topFrame: true }, trusted, app)).toBe(true)
  })

  it('refuses another window, an iframe, another page and a frame that is gone', () => {
    expect(isTrustedSender({ contentsId: 8, frameUrl: PAGE, topFrame: true }, trusted, app)).toBe(false)
    expect(isTrustedSender({ contentsId: 7, frameUrl: PAGE, topFrame: false }, trusted, app)).toBe(false)
    expect(isTrustedSender({ contentsId: 7, frameUrl: 'https://evil.example/', topFrame: true }, trusted, app)).toBe(false)
    expect(isTrustedSender({ contentsId: 7, frameUrl: undefined, topFrame: true }, trusted, app)).toBe(false)
    expect(isTrustedSender({ contentsId: 7, frameUrl: PAGE, topFrame: true }, new Set(), app)).toBe(false)
  })
})

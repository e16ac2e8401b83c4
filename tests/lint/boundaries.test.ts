import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('process boundaries are enforced by lint', () => {
  it('keeps electron, Node built-ins and main code out of the renderer', async () => {
    const file = 'src/renderer/src/bad.ts'
    expect(await messages(file, "import { shell } from 'electron'\nexport const x = shell\n")).toEqual([expect.stringMatching(/no-restricted-imports/)])
    expect(await messages(file, "import fs from 'node:fs'\nexport const x = fs\n")).toEqual([expect.stringMatching(/no-restricted-imports/)])
    expect(await messages(file, "import path from 'path'\nexport const x = path\n")).toEqual([expect.stringMatching(/no-restricted-imports/)])
    expect(await messages(file, "import { diagnose } from '../../main/core/diagnose/run'\nexport const x = diagnose\n")).toEqual([
      expect.stringMatching(/no-restricted-imports/)
    ])
    expect(await messages(file, "import { CLIENT_NAMES } from '../../shared/report'\nexport const x = CLIENT_NAMES\n")).toEqual([])
  })

  it('keeps src/shared free of anything runtime-specific', async () => {
    expect(await messages('src/shared/bad.ts', "import os from 'node:os'\nexport const x = os\n")).toHaveLength(1)
    expect(await messages('src/shared/bad.ts', "import { create } from 'zustand'\nexport const x = create\n")).toHaveLength(1)
  })

  it('keeps electron out of the engine and the CLI', async () => {
    expect(await messages('src/main/core/bad.ts', "import { app } from 'electron'\nexport const x = app\n")).toHaveLength(1)
    expect(await messages('src/cli/bad.ts', "import { app } from 'electron'\nexport const x = app\n")).toHaveLength(1)
  })

  it('allows raw IPC only in the adapters', async () => {
    const code = "import { ipcMain } from 'electron'\nipcMain.handle('x', () => 1)\n"
    expect(await messages('src/main/index.ts', code)).toEqual([expect.stringMatching(/Raw ipcMain/)])
    expect(await messages('src/main/ipc/register.ts', code)).toEqual([])
    const send = "import type { WebContents } from 'electron'\nexport function f(w: { webContents: WebContents }) { w.webContents.send('x') }\n"
    expect(await messages('src/main/window.ts', send)).toEqual([expect.stringMatching(/webContents.send only/)])
    const renderer = "import { ipcRenderer } from 'electron'\nipcRenderer.invoke('x')\n"
    expect(await messages('src/preload/index.ts', renderer)).toEqual([])
  })
})

import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/**
 * Three builds: main (the Electron main process and, as a second entry, the `mcp-medic` CLI, which
 * share the engine), preload (bundled whole, because a sandboxed preload cannot `require` packages),
 * and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      // The CLI runs on the user's Node (20.19 or newer), the app on Electron's newer Node.
      target: 'node20',
      // execa is ESM-only: bundle it rather than rely on require(esm).
      externalizeDeps: { exclude: ['execa'] },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts')
        },
        output: {
          banner: (chunk: { name: string }) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
        }
      }
    }
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') }
      }
    }
  }
})

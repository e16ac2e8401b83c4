import path from 'node:path'
import { build } from 'vite'

const CACHE = path.resolve(__dirname, '../../node_modules/.cache/mcp-medic-tests')

/**
 * Bundles a TypeScript entry into a CommonJS file that plain `node` can run in a child process
 * (packages stay external and resolve from the project's node_modules). Returns the file's path.
 */
export async function bundleForNode(entry: string, name: string): Promise<string> {
  const outDir = path.join(CACHE, name)
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'entry.cjs' } }
    }
  })
  return path.join(outDir, 'entry.cjs')
}

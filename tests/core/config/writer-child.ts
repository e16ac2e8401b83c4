/**
 * Runs MCP Medic's real writer in a child process for the interrupted-write test. argv: file,
 * data folder, marker file, expected hash; the new content comes on stdin. Its test-only hook
 * announces the temp file (by writing the marker) and then waits forever, so the test can kill
 * the process between the temp file and the rename.
 */
import { writeFileSync } from 'node:fs'
import { safeWrite } from '../../../src/main/core/config/write'

async function main(): Promise<void> {
  const [file, dataDir, marker, expectedHash] = process.argv.slice(2) as [string, string, string, string]
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  await safeWrite(file, Buffer.concat(chunks).toString('utf8'), {
    expectedHash,
    dataDir,
    summary: 'interrupted write test',
    beforeRename: async (temp) => {
      writeFileSync(marker, temp)
      await new Promise(() => setInterval(() => {}, 1000))
    }
  })
}

void main()

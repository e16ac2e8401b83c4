/** Entry of the permission test's child process. argv: the modelled machine's context as JSON, the server id, the project folder. */
import type { EngineContext } from '../../../src/main/core/context'
import { listAndRead } from './read-child'

const [ctxJson, serverId, project] = process.argv.slice(2) as [string, string, string]
listAndRead(JSON.parse(ctxJson) as EngineContext, serverId, project).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    process.stderr.write(String((error as Error)?.stack ?? error))
    process.exitCode = 1
  }
)

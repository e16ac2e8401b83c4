import type { Resolution } from '../../../shared/report'
import type { Preflight } from '../probe/preflight'

/** The report's view of where a command resolves, from the preflight facts. */
export function resolutionFacts(preflight: Preflight): Resolution {
  const locations = preflight.locations
  return {
    command: preflight.command ?? '',
    pathFrom: preflight.pathFrom,
    pathDescription: preflight.pathDescription,
    client: preflight.resolution.path,
    ...(locations?.loginShell ? { loginShell: locations.loginShell.path } : {}),
    ...(locations?.knownDir ? { knownDir: locations.knownDir.path } : {}),
    ...(preflight.runtime
      ? {
          runtime: {
            name: preflight.runtime.name,
            path: preflight.runtime.path,
            ...(preflight.runtime.version ? { version: preflight.runtime.version } : {}),
            ...(preflight.runtime.required ? { required: preflight.runtime.required.range } : {})
          }
        }
      : {})
  }
}

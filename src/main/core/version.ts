import pkg from '../../../package.json'

/** Name and version of this build of MCP Medic. */
export const TOOL = { name: pkg.name, version: pkg.version } as const

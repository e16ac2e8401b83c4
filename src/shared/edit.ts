import { z } from 'zod'
import { TransportSchema } from './transport'

/**
 * Config edits the renderer may ask for (through `config:edit`). They name a server the engine
 * discovered, or a config file it discovered, never an arbitrary path; the engine decides the
 * bytes, keeps a backup and refuses a file that changed since it was read.
 */

const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20)
const Name = z.string().min(1).max(200).refine((s) => !hasControl(s), 'must not contain control characters')
const Key = z.string().min(1).max(256).refine((s) => !hasControl(s) && !s.includes('='), 'must not contain "=" or control characters')
const Entry = z.record(z.string(), z.unknown())

export const EditOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set-command'), command: z.string().min(1).max(4096) }).strict(),
  z.object({ op: z.literal('set-args'), args: z.array(z.string().max(32_768)).max(1000) }).strict(),
  /** value null removes the variable */
  z.object({ op: z.literal('set-env'), key: Key, value: z.string().max(65_536).nullable() }).strict(),
  /** cwd null removes it */
  z.object({ op: z.literal('set-cwd'), cwd: z.string().min(1).max(4096).nullable() }).strict(),
  z.object({ op: z.literal('set-url'), url: z.string().min(1).max(8192) }).strict(),
  z.object({ op: z.literal('set-header'), key: Key, value: z.string().max(65_536).nullable() }).strict(),
  z.object({ op: z.literal('set-transport'), transport: TransportSchema }).strict(),
  z.object({ op: z.literal('rename-server'), to: Name }).strict(),
  z.object({ op: z.literal('remove-server') }).strict(),
  /** addition `project`: for a Claude Code user-scope server, the project it is turned on or off in */
  z.object({ op: z.literal('enable'), project: z.string().min(1).max(4096).optional() }).strict(),
  z.object({ op: z.literal('disable'), project: z.string().min(1).max(4096).optional() }).strict(),
  z.object({ op: z.literal('replace-entry'), entry: Entry }).strict(),
  /** with a config path: adds a server; `project` picks Claude Code's local scope in ~/.claude.json */
  z.object({ op: z.literal('add-server'), name: Name, entry: Entry, project: z.string().min(1).max(4096).optional() }).strict(),
  /** with a config path: renames a top-level key, e.g. "mcpServers" to "servers" in VS Code's file */
  z.object({ op: z.literal('rename-key'), from: Name, to: Name }).strict(),
  /**
   * addition: the command holds a whole command line (or shell quotes): split it into words the
   * way a shell would and make the first the command, the rest the first arguments
   */
  z.object({ op: z.literal('split-command') }).strict(),
  /** addition: start the command through a wrapper: `cmd` with prefix ["/c"] turns `npx a` into `cmd /c npx a` */
  z.object({ op: z.literal('wrap-command'), command: z.string().min(1).max(4096), prefix: z.array(z.string().max(4096)).max(16) }).strict(),
  /** addition: one argument holds several words or shell quotes: split it into its words, in place */
  z.object({ op: z.literal('split-arg'), index: z.number().int().min(0).max(999) }).strict(),
  /** addition: replace one argument (a path made absolute) */
  z.object({ op: z.literal('set-arg'), index: z.number().int().min(0).max(999), value: z.string().max(32_768) }).strict(),
  /** addition: rename a field of the entry (another client's spelling: "serverUrl" to "url") */
  z.object({ op: z.literal('rename-field'), from: Key, to: Key }).strict(),
  /**
   * addition: approve a Claude Code project (.mcp.json) server where Claude Code reads approvals
   * (enabledMcpjsonServers), lifting a rejection (disabledMcpjsonServers) first
   */
  z.object({ op: z.literal('approve') }).strict()
])
export type EditOp = z.infer<typeof EditOpSchema>

export const EditRequestSchema = z
  .object({
    /** the server to edit (entry operations) */
    serverId: z.string().min(1).max(512).optional(),
    /** the discovered config file to edit (add-server, rename-key) */
    configPath: z.string().min(1).max(4096).optional(),
    /** the file's hash as last read (ConfigReport.hash): the edit is refused if it changed since */
    expectedHash: z.string().min(1).max(128).optional(),
    projects: z.array(z.string().min(1)).max(64).optional(),
    op: EditOpSchema
  })
  .strict()
  .refine((r) => (r.serverId === undefined) !== (r.configPath === undefined), 'name exactly one of serverId and configPath')

export const EditResultSchema = z.object({
  configPath: z.string(),
  /** undo this edit with config:undo */
  backupId: z.string(),
  hashBefore: z.string(),
  hashAfter: z.string(),
  /** the server's id after the edit (a rename or an added server gets a new one) */
  serverId: z.string().optional(),
  summary: z.string()
})
export type EditResult = z.infer<typeof EditResultSchema>

export const BackupRecordSchema = z.object({
  id: z.string(),
  path: z.string(),
  createdAt: z.string(),
  hashBefore: z.string(),
  hashAfter: z.string(),
  summary: z.string(),
  undoneAt: z.string().optional(),
  /** addition: what the record undoes: a file's bytes (`edit`, the default) or its permission bits (`chmod`) */
  kind: z.enum(['edit', 'chmod']).optional(),
  /** addition (chmod): the mode before and after, octal ("0644", "0755") */
  modeBefore: z.string().optional(),
  modeAfter: z.string().optional()
})

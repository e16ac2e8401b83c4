import { serverResult } from '../../../shared/present'
import { CLIENT_NAMES, type Report } from '../../../shared/report'
import { plural, prose, type Block, type Inline } from './document'
import { findingBlocks, serverSection, STATUS_WORD } from './outline-server'

/**
 * The whole report as a document: the verdict first (summary line and table), what the user
 * already tried, problems outside any one server, a section per server with a problem, then the
 * facts a maintainer asks for next (config files, runtimes, system and login shell), collapsed.
 */
export function reportOutline(report: Report): Block[] {
  const { servers, ok, warning, error } = report.summary
  const sys = report.system
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: ['MCP Medic report'] },
    { kind: 'para', text: [{ strong: `${plural(servers, 'server')}: ${ok} ok · ${plural(warning, 'warning')} · ${plural(error, 'error')}` }] },
    { kind: 'para', meta: true, text: [`MCP Medic ${report.tool.version} · ${sys.platform} ${sys.arch} ${sys.release} · ${report.generatedAt}`] }
  ]
  if (report.servers.length > 0) {
    blocks.push({
      kind: 'table',
      head: ['Status', 'Server', 'Client', 'Scope', 'Result'],
      rows: report.servers.map((s) => [[{ tone: s.status, word: STATUS_WORD[s.status] }], [s.name], [CLIENT_NAMES[s.client]], [s.scope], prose(serverResult(s))])
    })
  }
  if (report.edits && report.edits.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: ['Already tried in MCP Medic'] })
    blocks.push({
      kind: 'table',
      head: ['When', 'File', 'Change', 'Now'],
      rows: report.edits.map((e) => [[e.at], [{ code: e.path }], prose(e.summary), [e.undoneAt ? `undone ${e.undoneAt}` : 'in place']])
    })
  }
  if (report.findings.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: ['Problems outside any one server'] })
    for (const f of report.findings) blocks.push(...findingBlocks(f))
  }
  for (const s of report.servers.filter((x) => x.findings.length > 0 || (x.logs?.length ?? 0) > 0)) blocks.push(...serverSection(s))
  blocks.push(...machineFacts(report))
  return blocks
}

const WHERE = { 'app-path': "on MCP Medic's PATH", 'login-shell': 'only in the login shell', 'known-dir': 'only in an install folder', none: 'not found' } as const

function machineFacts(report: Report): Block[] {
  // A heading of its own, so the facts do not read as part of the last server's section.
  const out: Block[] = [{ kind: 'heading', level: 3, text: ['This machine'] }]
  const present = report.configs.filter((c) => c.exists)
  const absent = report.configs.filter((c) => !c.exists)
  if (report.configs.length > 0) {
    const blocks: Block[] = []
    if (present.length > 0) {
      blocks.push({
        kind: 'table',
        head: ['File', 'Client', 'Scope', 'State'],
        rows: present.map((c) => [
          [{ code: c.path }],
          [CLIENT_NAMES[c.client]],
          [c.scope],
          c.error ? [{ strong: 'does not parse' }, ': ', ...prose(/\bline \d+/.test(c.error.message) ? c.error.message : `${c.error.message} (line ${c.error.line}, column ${c.error.column})`)] : [[plural(c.servers ?? 0, 'server'), c.format, c.readOnly && 'read only', c.note].filter(Boolean).join(', ')]
        ])
      })
    }
    if (absent.length > 0) {
      blocks.push({ kind: 'para', text: ['Looked for, not present:'] }, { kind: 'code', text: absent.map((c) => `${c.path}  (${CLIENT_NAMES[c.client]}, ${c.scope})`).join('\n'), evidence: true, head: true })
    }
    out.push({ kind: 'details', summary: `Config files (${present.length} found, ${absent.length} not present)`, blocks })
  }
  if (report.runtimes.length > 0) {
    out.push({
      kind: 'details',
      summary: 'Runtimes',
      blocks: [
        {
          kind: 'table',
          head: ['Runtime', 'Where', 'Path', 'Version', 'Also found'],
          rows: report.runtimes.map((r) => [
            [r.name],
            [WHERE[r.where]],
            r.path ? [{ code: r.path }] : [],
            [r.version ?? ''],
            (r.locations ?? []).filter((l) => l.path !== r.path).flatMap((l, i): Inline => [...(i > 0 ? ['; '] : []), { code: l.path }, ` ${[l.version, l.source ?? WHERE[l.where]].filter(Boolean).join(', ')}`])
          ])
        }
      ]
    })
  }
  const shell = report.system.loginShell
  const shellFacts: Inline[] = [
    ['Login shell: ', { code: shell.shell || 'unknown' }, shell.skipped ? ` not read: ${shell.skipped}` : shell.ok ? `, read in ${shell.ms} ms` : `, could not be read${shell.timedOut ? ' (timed out)' : ''}${shell.exitCode !== undefined && shell.exitCode !== null ? `, exit code ${shell.exitCode}` : ''}`, ...(shell.error ? [': ', { code: shell.error }] : [])]
  ]
  if (shell.startupFiles?.length) shellFacts.push(['Startup files: ', ...shell.startupFiles.flatMap((f, i): Inline => [...(i > 0 ? [', '] : []), { code: f }])])
  if (report.system.projects?.length) shellFacts.push(['Project folders searched: ', ...report.system.projects.flatMap((p, i): Inline => [...(i > 0 ? [', '] : []), { code: p }])])
  if (report.durationMs !== undefined) shellFacts.push([`Diagnosis took ${(report.durationMs / 1000).toFixed(1)} s`])
  const blocks: Block[] = [
    { kind: 'list', items: [[`Platform: ${report.system.platform} ${report.system.arch} ${report.system.release}`], ...shellFacts] },
    { kind: 'para', text: ['PATH given to MCP Medic:'] },
    { kind: 'code', text: report.system.appPath.join('\n'), evidence: true, head: true }
  ]
  if (shell.path) blocks.push({ kind: 'para', text: ["The login shell's PATH:"] }, { kind: 'code', text: shell.path.join('\n'), evidence: true, head: true })
  out.push({ kind: 'details', summary: 'System and login shell', blocks })
  return out
}

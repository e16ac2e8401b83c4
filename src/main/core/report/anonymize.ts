import path from 'node:path'
import type { Report } from '../../../shared/report'
import { redactText, redactTokens, redactUrl, URL_IN_TEXT } from './redact'

/**
 * The last pass before a report leaves the machine: the home folder becomes `~`, the user's name
 * becomes `<user>` wherever it appears (paths outside the home, host names, a project folder named
 * after them), URLs lose userinfo and query values, and token shapes are replaced in every text.
 * Evidence a program wrote (stderr, stdout, HTTP bodies, log lines) gets the full free-text
 * redaction too (`KEY=value`, `"token": "…"`), which would mangle MCP Medic's own prose elsewhere.
 */

export const USER_MASK = '<user>'

export interface Identity {
  home: string
  /** the account name (USER, LOGNAME, USERNAME) */
  user?: string
  platform: NodeJS.Platform
}

/**
 * Account names that say nothing about a person and are also ordinary words in paths
 * (`/usr/bin/node`, `/root`): masking them would make the report unreadable and protect no one.
 */
const IMPERSONAL = new Set(['root', 'admin', 'administrator', 'user', 'users', 'runner', 'node', 'app', 'bin', 'home', 'default', 'guest', 'ubuntu', 'debian', 'ec2-user', 'vagrant', 'docker', 'build', 'ci', 'nobody', 'www', 'local', 'public', 'shared', 'dev', 'test', 'src', 'lib', 'usr', 'opt', 'var', 'tmp', 'etc'])

/** Keys whose string values were written by a program or a server rather than by MCP Medic. */
const FOREIGN_TEXT = new Set(['stderrTail', 'firstLine', 'error', 'bodyExcerpt', 'text', 'excerpt', 'stderr', 'stdout', 'head', 'challenge', 'line', 'message'])
/** Keys under which everything is evidence: a finding's evidence record, log excerpts. */
const FOREIGN_TREE = new Set(['evidence', 'logs', 'stdoutNoise', 'spawnError'])

/** The names to mask for this identity: the account name and the home folder's own name. */
export function personalNames(who: Identity): string[] {
  const sep = who.platform === 'win32' ? path.win32 : path.posix
  const names = [who.user, who.home ? sep.basename(who.home) : undefined]
  return [...new Set(names.filter((n): n is string => !!n && n.length >= 3 && !IMPERSONAL.has(n.toLowerCase())))]
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A function that masks the home folder and the user's names in one text. */
export function identityMasker(who: Identity): (text: string) => string {
  const windows = who.platform === 'win32'
  const homes = who.home && who.home.length >= 2 ? [...new Set([who.home, ...(windows ? [who.home.replace(/\\/g, '/')] : [])])] : []
  const homePatterns = homes.map((h) => new RegExp(`${escapeRegex(h.replace(/[\\/]+$/, ''))}(?=[/\\\\\\s),.;:'"\`\\]]|$)`, windows ? 'gim' : 'gm'))
  const names = personalNames(who)
  // A name counts only as a whole word: `ann` in `/Users/ann/x` or `ann-laptop`, not in `annotate`.
  const namePattern = names.length > 0 ? new RegExp(`(?<![A-Za-z0-9])(?:${names.map(escapeRegex).join('|')})(?![A-Za-z0-9])`, 'gi') : undefined
  return (text) => {
    let out = text
    for (const pattern of homePatterns) out = out.replace(pattern, '~')
    return namePattern ? out.replace(namePattern, USER_MASK) : out
  }
}

/**
 * The report as it may be exported: every string masked as described above. Pure: the session's
 * report is left as it was (the app still needs the real paths).
 */
export function anonymizeReport(report: Report, who: Identity): Report {
  const mask = identityMasker(who)
  const walk = (value: unknown, key: string | undefined, foreign: boolean): unknown => {
    if (typeof value === 'string') {
      const cleaned = foreign || (key !== undefined && FOREIGN_TEXT.has(key)) ? redactText(value, []) : redactTokens(value.replace(URL_IN_TEXT, (url) => redactUrl(url)))
      return mask(cleaned)
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key, foreign))
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), walk(v, k, foreign || FOREIGN_TREE.has(k))]))
    }
    return value
  }
  return walk(report, undefined, false) as Report
}

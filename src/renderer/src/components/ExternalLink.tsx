import type { ReactNode } from 'react'
import { isAllowedLink } from '../../../shared/runtimes'

/**
 * A link that leaves the app: only to an allow-listed https page, opened in the user's browser
 * (the Electron window hands new windows to the system browser after the same check). A link
 * that is not allowed is shown as plain text, never followed.
 */
export function ExternalLink({ href, children, className = 'external-link' }: { href: string; children: ReactNode; className?: string }) {
  if (!isAllowedLink(href)) return <span className="external-blocked">{children}</span>
  return (
    <a className={className} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span aria-hidden="true"> ↗</span>
    </a>
  )
}

/** "nodejs.org" for a link, for short labels. */
export function hostOf(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '')
  } catch {
    return href
  }
}

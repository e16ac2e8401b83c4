/**
 * Who may call the contract over IPC, as a plain function (no Electron import) so tests can
 * check it: the app's own window (a web contents it marked as trusted), from its top frame (not
 * an iframe), showing the app's own page.
 */
export interface SenderFacts {
  /** the sending web contents' id */
  contentsId: number
  /** the sending frame's URL; undefined when the frame is gone */
  frameUrl: string | undefined
  /** whether the sending frame is the top frame of its page */
  topFrame: boolean
}

/** Whether a call from `sender` may reach the handlers. */
export function isTrustedSender(sender: SenderFacts, trusted: ReadonlySet<number>, isAppPage: (url: string) => boolean): boolean {
  return trusted.has(sender.contentsId) && sender.topFrame && sender.frameUrl !== undefined && isAppPage(sender.frameUrl)
}

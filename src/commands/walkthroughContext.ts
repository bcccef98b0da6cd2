/**
 * The context keys the first-run walkthrough (contributes.walkthroughs, "Get started with IAM
 * Trust & Sessions") completes its steps on, each set by the event it names and never unset:
 * VS Code remembers a completed step itself.
 */
export const WALKTHROUGH_CONTEXT = {
  /** A document got the engine's diagnostics (a trust policy, or a template or .tf file holding one, was opened). */
  policyChecked: 'iamTrust.walkthrough.policyChecked',
  /** A finding went away from an open document after an edit of it (a quick fix, or the user's own). */
  findingFixed: 'iamTrust.walkthrough.findingFixed',
  /**
   * The zone of trust was set: iamTrust.accountId, trustedAccounts or organizationId changed. (The
   * step also completes on VS Code's onSettingChanged, which code-server 4.100 was seen to miss: it
   * counts each event once per window, and a change of the same key at start-up may use it up.)
   */
  zoneOfTrustSet: 'iamTrust.walkthrough.zoneOfTrustSet',
  /** The window has a live role session. */
  roleAssumed: 'iamTrust.walkthrough.roleAssumed',
  /** A terminal was opened while a role session lived (it gets the session's environment). */
  sessionTerminalOpened: 'iamTrust.walkthrough.sessionTerminalOpened',
} as const;

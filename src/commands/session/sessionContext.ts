import * as vscode from 'vscode';
import type { SessionState } from '../../session/sessionState';

/** Context keys for `when` clauses: the palette lists session commands only when they can run. */
export const SESSION_CONTEXT = {
  /** A session exists, live or expired: Refresh and Clear Session apply. */
  exists: 'iamTrust.session.exists',
  /** A session is live: Copy Credentials, the console, a session terminal apply. */
  live: 'iamTrust.session.live',
} as const;

/** The context values for a session state. */
export function sessionContextValues(state: Pick<SessionState, 'current' | 'live'>): Record<string, boolean> {
  return { [SESSION_CONTEXT.exists]: state.current !== undefined, [SESSION_CONTEXT.live]: state.live !== undefined };
}

/** Keeps the session context keys up to date with the window's session. */
export function trackSessionContext(state: SessionState): vscode.Disposable {
  // An unset context key reads as false: nothing is sent to the window until a value changes
  // (activation stays as light as it can be, with no session in most windows).
  const sent: Record<string, boolean> = { [SESSION_CONTEXT.exists]: false, [SESSION_CONTEXT.live]: false };
  const update = () => {
    for (const [key, value] of Object.entries(sessionContextValues(state))) {
      if (sent[key] === value) continue;
      sent[key] = value;
      void vscode.commands.executeCommand('setContext', key, value);
    }
  };
  update();
  const subscription = state.onChange(update);
  return new vscode.Disposable(() => subscription.dispose());
}

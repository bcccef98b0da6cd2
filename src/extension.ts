import * as vscode from 'vscode';
import { registerNewTrustPolicyCommand } from './commands/newTrustPolicy';
import { registerShowStatusCommand } from './commands/showStatus';
import { SessionStatusItem, type SessionStatusView } from './statusBar/sessionStatusItem';

/** What activate() returns to other extensions and to our own tests. */
export interface IamTrustApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  /** What the status-bar item shows, and whether it is shown. */
  readonly sessionStatus: SessionStatusView;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  const sessionStatus = new SessionStatusItem();
  context.subscriptions.push(registerNewTrustPolicyCommand(), registerShowStatusCommand(), sessionStatus);
  return { activationTimeMs: performance.now() - started, sessionStatus };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

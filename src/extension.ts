import * as vscode from 'vscode';
import { registerNewTrustPolicyCommand } from './commands/newTrustPolicy';
import { registerShowStatusCommand } from './commands/showStatus';
import { registerSessionStatusItem } from './statusBar/sessionStatusItem';

/** What activate() returns to other extensions and to our own tests. */
export interface IamTrustApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  context.subscriptions.push(
    registerNewTrustPolicyCommand(),
    registerShowStatusCommand(),
    registerSessionStatusItem(),
  );
  return { activationTimeMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

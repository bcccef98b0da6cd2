import * as vscode from 'vscode';
import { registerNewTrustPolicyCommand } from './commands/newTrustPolicy';
import { registerShowStatusCommand } from './commands/showStatus';
import { registerValidateWorkspaceCommand } from './commands/validateWorkspace';
import { registerCodeActions } from './language/codeActions';
import { registerCompletion } from './language/completion';
import { TrustPolicyDiagnostics } from './language/diagnostics';
import { registerHover } from './language/hover';
import { SessionStatusItem, type SessionStatusView } from './statusBar/sessionStatusItem';

/** What activate() returns to other extensions and to our own tests. */
export interface IamTrustApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  /** What the status-bar item shows, and whether it is shown. */
  readonly sessionStatus: SessionStatusView;
  /** Fires when a document's trust-policy diagnostics were published. */
  readonly onDidUpdateDiagnostics: vscode.Event<vscode.Uri>;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  const sessionStatus = new SessionStatusItem();
  const diagnostics = new TrustPolicyDiagnostics(context.extensionUri);
  context.subscriptions.push(
    sessionStatus,
    diagnostics,
    registerNewTrustPolicyCommand(),
    registerShowStatusCommand(),
    registerValidateWorkspaceCommand(diagnostics),
    registerCompletion(),
    registerHover(),
    registerCodeActions(),
  );
  return {
    activationTimeMs: performance.now() - started,
    sessionStatus,
    onDidUpdateDiagnostics: diagnostics.onDidUpdate,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

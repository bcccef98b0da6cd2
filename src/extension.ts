import * as vscode from 'vscode';
import { registerNewTrustPolicyCommand } from './commands/newTrustPolicy';
import { registerAssumeRoleCommand } from './commands/assumeRole';
import { registerCopyCredentialsCommand } from './commands/copyCredentials';
import { registerClearSessionCommand, registerShowStatusCommand } from './commands/showStatus';
import { registerValidateWorkspaceCommand } from './commands/validateWorkspace';
import { registerCodeActions } from './language/codeActions';
import { registerCompletion } from './language/completion';
import { TrustPolicyDiagnostics } from './language/diagnostics';
import { registerHover } from './language/hover';
import { SessionState } from './session/sessionState';
import { SessionStatusItem, type SessionStatusView } from './statusBar/sessionStatusItem';
import { SessionEnvironment } from './terminal/sessionEnvironment';

/** What activate() returns to other extensions and to our own tests. */
export interface IamTrustApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  /** What the status-bar item shows, and whether it is shown. */
  readonly sessionStatus: SessionStatusView;
  /** Fires when a document's trust-policy diagnostics were published. */
  readonly onDidUpdateDiagnostics: vscode.Event<vscode.Uri>;
  /** What new terminals get from the extension (the role session's variables). */
  readonly terminalEnvironment: Pick<vscode.EnvironmentVariableCollection, 'get' | 'persistent' | 'description'>;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  const session = new SessionState();
  const environment = new SessionEnvironment(context.environmentVariableCollection);
  // Terminals get the session while it lives; at expiry they get nothing rather than dead keys.
  const sessionToTerminals = session.onChange(({ kind, session: current }) => {
    if (kind === 'set' && current) environment.apply(current);
    else environment.clear();
  });
  const sessionStatus = new SessionStatusItem(session);
  const diagnostics = new TrustPolicyDiagnostics(context.extensionUri);
  context.subscriptions.push(
    session,
    sessionToTerminals,
    sessionStatus,
    diagnostics,
    registerNewTrustPolicyCommand(),
    registerShowStatusCommand(session),
    registerAssumeRoleCommand(session),
    registerClearSessionCommand(session),
    registerCopyCredentialsCommand(session),
    registerValidateWorkspaceCommand(diagnostics),
    registerCompletion(),
    registerHover(),
    registerCodeActions(),
  );
  return {
    activationTimeMs: performance.now() - started,
    sessionStatus,
    onDidUpdateDiagnostics: diagnostics.onDidUpdate,
    terminalEnvironment: context.environmentVariableCollection,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

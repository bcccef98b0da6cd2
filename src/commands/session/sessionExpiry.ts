import * as vscode from 'vscode';
import { formatTimeLeft } from '../../session/credentials';
import { roleNameOf } from '../../session/iam';
import { mayAutoRefresh, type SessionState } from '../../session/sessionState';
import { COMMANDS } from '../ids';

/**
 * Before a session expires: refresh it (iamTrust.session.autoRefresh, sessions that need no new
 * MFA code: none, or a live MFA session covers it, `mfaCovered`), or offer to. At expiry: say that
 * new terminals get no credentials from it any more.
 */
export function watchSessionExpiry(state: SessionState, mfaCovered: () => boolean = () => false): vscode.Disposable {
  const subscription = state.onChange(({ kind, session }) => {
    if (!session) return;
    const role = roleNameOf(session.roleArn);
    if (kind === 'expiring') {
      const auto = vscode.workspace.getConfiguration('iamTrust').get<boolean>('session.autoRefresh', true);
      if (mayAutoRefresh(state.origin, auto, Date.now(), mfaCovered())) {
        void vscode.commands.executeCommand(COMMANDS.refreshSession, { silent: true });
        return;
      }
      void vscode.window
        .showWarningMessage(`The role session ${role} expires in ${formatTimeLeft(session.expiration, new Date())}.`, 'Refresh', 'Clear Session')
        .then((choice) => {
          if (choice === 'Refresh') void vscode.commands.executeCommand(COMMANDS.refreshSession);
          if (choice === 'Clear Session') void vscode.commands.executeCommand(COMMANDS.clearSession);
        });
    }
    if (kind === 'expired') {
      void vscode.window
        .showWarningMessage(`The role session ${role} has expired: new terminals get no credentials from it, and programs using the window's credential endpoint get none either.`, 'Refresh')
        .then((choice) => {
          if (choice === 'Refresh') void vscode.commands.executeCommand(COMMANDS.refreshSession);
        });
    }
  });
  return new vscode.Disposable(() => subscription.dispose());
}

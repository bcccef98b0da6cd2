import * as vscode from 'vscode';
import { formatTimeLeft } from '../../session/credentials';
import type { SessionState } from '../../session/sessionState';
import { COMMANDS } from '../ids';

/** "IAM: Show Session Status": which role session this window's new terminals get. */
export function registerShowStatusCommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showStatus, () => {
    const session = state.current;
    if (!session) {
      const message = 'No AWS role session is active: new terminals use your own AWS credentials.';
      // Not awaited: the promise settles only when the person dismisses the notification.
      void vscode.window.showInformationMessage(message, 'Assume Role…').then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.assumeRole);
      });
      return message;
    }
    const message = state.expired
      ? `The session ${session.assumedRoleArn} has expired: new terminals get no credentials from it.`
      : `New terminals use ${session.assumedRoleArn} (${formatTimeLeft(session.expiration, new Date())} left).`;
    void vscode.window.showInformationMessage(message, 'Assume Role…', 'Clear Session').then((choice) => {
      if (choice === 'Assume Role…') void vscode.commands.executeCommand(COMMANDS.assumeRole);
      if (choice === 'Clear Session') void vscode.commands.executeCommand(COMMANDS.clearSession);
    });
    return message;
  });
}

export function registerClearSessionCommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.clearSession, () => {
    const had = state.current !== undefined;
    state.clear();
    if (had) void vscode.window.showInformationMessage('Role session cleared: new terminals use your own AWS credentials.');
  });
}

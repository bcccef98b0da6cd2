import * as vscode from 'vscode';
import { copiedSecretWarning } from '../../session/consoleSignIn';
import type { SessionState } from '../../session/sessionState';
import { formatCredentials, SHELL_FORMATS, type ShellFormat } from '../../session/shellFormats';
import { COMMANDS } from '../ids';

/** "IAM: Copy Credentials As…": the session for another shell or tool, to the clipboard. */
export function registerCopyCredentialsCommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.copyCredentials, async (format?: ShellFormat) => {
    const session = state.current;
    if (!session || state.expired) {
      void vscode.window.showWarningMessage(session ? 'The role session has expired: assume the role again first.' : 'No role session to copy: run "IAM: Assume Role…" first.');
      return false;
    }
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          Object.entries(SHELL_FORMATS).map(([id, label]) => ({ label, id: id as ShellFormat })),
          { title: 'Copy Credentials As…', placeHolder: 'The format to copy the session in' },
        )
      )?.id;
    if (!chosen) return false;
    await vscode.env.clipboard.writeText(formatCredentials(session, chosen));
    void vscode.window.showWarningMessage(copiedSecretWarning({ text: `${SHELL_FORMATS[chosen]} credentials`, plural: true }, session.assumedRoleArn, session.expiration));
    return true;
  });
}

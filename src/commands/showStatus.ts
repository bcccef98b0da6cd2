import * as vscode from 'vscode';
import { COMMANDS } from './ids';

/** "IAM: Show Session Status": says which role session this window's terminals get. */
export function registerShowStatusCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showStatus, () => {
    const message = 'No AWS role session is active: new terminals use your own AWS credentials.';
    // Not awaited: the promise settles only when the person dismisses the notification.
    void vscode.window.showInformationMessage(message);
    return message;
  });
}

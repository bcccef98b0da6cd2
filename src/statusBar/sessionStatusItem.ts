import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';

const SETTING = 'iamTrust.statusBar.enabled';

/** The status-bar item that shows the role session of this window (none yet). */
export function registerSessionStatusItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('iamTrust.session', vscode.StatusBarAlignment.Left, 50);
  item.name = 'IAM Role Session';
  item.text = '$(shield) IAM: no session';
  item.tooltip = 'No AWS role session is active. Click for details.';
  item.accessibilityInformation = { label: 'IAM: no role session', role: 'button' };
  item.command = COMMANDS.showStatus;

  const applyVisibility = () => {
    if (vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) item.show();
    else item.hide();
  };
  applyVisibility();
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTING)) applyVisibility();
  });
  return vscode.Disposable.from(item, listener);
}

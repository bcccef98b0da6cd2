import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';

const SETTING = 'iamTrust.statusBar.enabled';

export interface SessionStatusView {
  readonly text: string;
  readonly visible: boolean;
}

/** The status-bar item that shows the role session of this window (none yet). */
export class SessionStatusItem implements vscode.Disposable, SessionStatusView {
  private readonly item = vscode.window.createStatusBarItem('iamTrust.session', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;
  private shown = false;

  constructor() {
    this.item.name = 'IAM Role Session';
    this.item.text = '$(shield) IAM: no session';
    this.item.tooltip = 'No AWS role session is active. Click for details.';
    this.item.accessibilityInformation = { label: 'IAM: no role session', role: 'button' };
    this.item.command = COMMANDS.showStatus;
    this.applyVisibility();
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) this.applyVisibility();
    });
  }

  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.shown;
  }

  private applyVisibility(): void {
    this.shown = vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
    if (this.shown) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import { expiryState, formatTimeLeft, nextTickMs } from '../session/credentials';
import type { SessionState } from '../session/sessionState';

const SETTING = 'iamTrust.statusBar.enabled';

export interface SessionStatusView {
  readonly text: string;
  readonly visible: boolean;
}

/**
 * The window's role session in the status bar: `$(key) Role · 42m`, warning colours near the
 * end, error colours once expired. It wakes only to change what it shows: once a minute, once
 * a second in the last two minutes, never without a session.
 */
export class SessionStatusItem implements vscode.Disposable, SessionStatusView {
  private readonly item = vscode.window.createStatusBarItem('iamTrust.session', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown = false;

  /**
   * `caveats`: why some client would not get the session in a terminal the extension did not
   * open; `onCaveatsChange`: when they may have changed (the terminals' plan can follow the
   * session by a tick).
   */
  constructor(
    private readonly state: SessionState,
    private readonly caveats: () => ReadonlyArray<{ message: string }> = () => [],
    onCaveatsChange?: (listener: () => void) => { dispose(): void },
  ) {
    this.item.name = 'IAM Role Session';
    this.item.command = COMMANDS.sessionMenu;
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) this.applyVisibility();
        if (e.affectsConfiguration('iamTrust.session.warnMinutes')) this.render();
      }),
      state.onChange(() => this.render()),
      ...(onCaveatsChange ? [onCaveatsChange(() => this.render())] : []),
    );
    this.render();
    this.applyVisibility();
  }

  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.shown;
  }

  private render(): void {
    clearTimeout(this.timer);
    const session = this.state.current;
    if (!session) {
      this.item.text = '$(shield) IAM: no session';
      this.item.tooltip = 'No AWS role session is active. Click for details.';
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: 'IAM: no role session', role: 'button' };
      return;
    }
    const now = new Date();
    const role = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1);
    const warnMinutes = vscode.workspace.getConfiguration('iamTrust').get<number>('session.warnMinutes', 5);
    const state = expiryState(session.expiration, now, warnMinutes);
    this.item.text = `$(key) ${role} · ${formatTimeLeft(session.expiration, now)}`;
    this.item.backgroundColor =
      state === 'expired'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : state === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    const tooltip = new vscode.MarkdownString(
      [
        `**Role session** ${state === 'expired' ? '(expired)' : ''}`,
        '',
        `Role: \`${session.roleArn}\``,
        `Session: \`${session.assumedRoleArn}\``,
        `Account: ${session.roleArn.split(':')[4]}`,
        `Session name: ${session.sessionName}`,
        `Source: ${this.state.origin ? (this.state.origin.answers.profile ? `profile ${this.state.origin.answers.profile}` : 'the default credentials') : 'restored after a reload'}`,
        `Expires: ${session.expiration.toLocaleString()}`,
        ...this.caveats().map((c) => `$(warning) ${c.message}`),
        // What no API can see: a shell's rc file runs after VS Code set the terminal's environment.
        'An `AWS_PROFILE` or access keys exported by your shell\'s rc file (~/.bashrc, ~/.zshrc) are set after the session\'s and can win over it: export them only outside sessions (see docs/sessions.md).',
      ].join('  \n'),
      true, // theme icons: $(warning) is an icon, not text
    );
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `IAM role session ${role}, ${formatTimeLeft(session.expiration, now)} left`, role: 'button' };
    const next = nextTickMs(session.expiration, now);
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.render(), next);
  }

  private applyVisibility(): void {
    this.shown = vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
    if (this.shown) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

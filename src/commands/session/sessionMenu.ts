import * as vscode from 'vscode';
import { formatTimeLeft } from '../../session/credentials';
import { explainStsError } from '../../session/errors';
import { roleNameOf } from '../../session/iam';
import type { SessionState } from '../../session/sessionState';
import { callerIdentity } from '../../session/sts';
import { COMMANDS } from '../ids';
import { sessionTargets } from './sessionTargets';
import type { SessionEnvironment } from '../../terminal/sessionEnvironment';
import { sessionTerminalOptions } from '../../terminal/sessionTerminal';

/** What clicking the status-bar item offers: everything that can be done with the session. */
export function registerSessionMenuCommand(state: SessionState, mfaCovered: () => boolean = () => false): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.sessionMenu, async () => {
    const session = state.current;
    if (!session) return vscode.commands.executeCommand(COMMANDS.assumeRole);
    type Item = vscode.QuickPickItem & { command: string };
    const expired = state.expired;
    const items: Item[] = [
      { label: '$(refresh) Refresh', description: state.origin?.answers.mfaSerial && !mfaCovered() ? 'asks for a new MFA code' : 'the same role and parameters', command: COMMANDS.refreshSession },
      ...(expired ? [] : [{ label: '$(terminal) Open Terminal in Session', command: COMMANDS.openSessionTerminal }, { label: '$(copy) Copy Credentials As…', command: COMMANDS.copyCredentials }, { label: '$(globe) Open AWS Console as Role…', description: 'federation sign-in with the session', command: COMMANDS.openConsole }]),
      { label: '$(person) Who Am I', description: 'sts:GetCallerIdentity with the session', command: COMMANDS.whoAmI },
      { label: '$(key) Assume Another Role…', command: COMMANDS.assumeRole },
      { label: '$(close) Clear Session', description: 'new terminals get your own credentials again', command: COMMANDS.clearSession },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `${roleNameOf(session.roleArn)} · ${expired ? 'expired' : `${formatTimeLeft(session.expiration, new Date())} left`}`,
      placeHolder: session.assumedRoleArn,
    });
    return picked ? vscode.commands.executeCommand(picked.command) : undefined;
  });
}

/** "IAM: Open Terminal in Session": a terminal named after the role, which gets the session's variables. */
export function registerOpenSessionTerminalCommand(state: SessionState, environment: Pick<SessionEnvironment, 'terminalOptionsEnv'>): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openSessionTerminal, () => {
    const made = sessionTerminalOptions(state, environment);
    if ('problem' in made) {
      void vscode.window.showWarningMessage(made.problem);
      return undefined;
    }
    const terminal = vscode.window.createTerminal(made.options);
    terminal.show();
    return terminal.name;
  });
}

/** "IAM: Who Am I": GetCallerIdentity with the session, or with the default credentials without one. */
export function registerWhoAmICommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.whoAmI, async () => {
    const session = state.live;
    const target = sessionTargets.stsWithSession(state);
    try {
      const identity = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'sts:GetCallerIdentity' }, () => callerIdentity(target));
      const message = `${session ? 'The role session is' : 'Without a role session, your default credentials are'} ${identity.arn} (account ${identity.account}).`;
      void vscode.window.showInformationMessage(message);
      return identity.arn;
    } catch (error) {
      const explained = explainStsError(error, { roleArn: session?.roleArn ?? 'your identity' });
      void vscode.window.showErrorMessage(`Who Am I: ${explained.title}. ${explained.detail}`);
      return undefined;
    }
  });
}

import * as vscode from 'vscode';
import { roleNameOf } from '../session/iam';
import type { SessionState } from '../session/sessionState';
import type { SessionEnvironment } from './sessionEnvironment';

/** The terminal profile contributed in package.json (contributes.terminal.profiles). */
export const SESSION_TERMINAL_PROFILE_ID = 'iamTrust.sessionTerminal';

/**
 * A session terminal's options ("IAM: Open Terminal in Session" and the "AWS: role session"
 * profile), or why there is none. The environment variable collection gives every new terminal
 * the session; this one is named for it, and also drops a profile inherited from VS Code's
 * environment, which the JS SDK would prefer to the session (a collection cannot remove a
 * variable; options can).
 */
export function sessionTerminalOptions(state: SessionState, environment: Pick<SessionEnvironment, 'terminalOptionsEnv'>): { options: vscode.TerminalOptions } | { problem: string } {
  const session = state.current;
  if (!session || state.expired) return { problem: session ? 'The role session has expired: refresh it first.' : 'No role session: run "IAM: Assume Role…" first.' };
  return { options: { name: `AWS ${roleNameOf(session.roleArn)}`, iconPath: new vscode.ThemeIcon('key'), env: environment.terminalOptionsEnv } };
}

/** The terminal dropdown's "AWS: role session": a session terminal, or a clear error without a live session. */
export function registerSessionTerminalProfile(state: SessionState, environment: Pick<SessionEnvironment, 'terminalOptionsEnv'>): vscode.Disposable {
  return vscode.window.registerTerminalProfileProvider(SESSION_TERMINAL_PROFILE_ID, {
    provideTerminalProfile() {
      const made = sessionTerminalOptions(state, environment);
      if ('problem' in made) {
        // VS Code only logs a provider's failure: say it where the person looks.
        void vscode.window.showErrorMessage(`AWS role session terminal: ${made.problem}`);
        throw new Error(made.problem);
      }
      return new vscode.TerminalProfile(made.options);
    },
  });
}

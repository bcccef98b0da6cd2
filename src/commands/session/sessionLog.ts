import * as vscode from 'vscode';
import { redactKey } from '../../session/credentials';
import type { SessionState } from '../../session/sessionState';

/**
 * The "IAM Trust & Sessions" output channel: what happened to the window's session. It names
 * access keys by their last four characters only and never writes a secret key or token.
 */
export function logSessionEvents(state: SessionState): vscode.Disposable {
  const log = vscode.window.createOutputChannel('IAM Trust & Sessions', { log: true });
  const subscription = state.onChange(({ kind, session }) => {
    if (kind === 'cleared') return log.info('role session cleared: new terminals use your own credentials');
    if (!session) return;
    const key = redactKey(session.accessKeyId);
    if (kind === 'set') {
      const origin = state.origin;
      log.info(
        `assumed ${session.assumedRoleArn} (key ${key}) until ${session.expiration.toISOString()}` +
          (origin ? ` from ${origin.answers.profile ? `profile ${origin.answers.profile}` : 'the default credentials'} in ${origin.region}` : ' (restored)'),
      );
    }
    if (kind === 'expiring') log.warn(`session ${session.assumedRoleArn} (key ${key}) expires at ${session.expiration.toISOString()}`);
    if (kind === 'expired') log.warn(`session ${session.assumedRoleArn} (key ${key}) expired: removed from the terminal environment`);
  });
  return vscode.Disposable.from(log, new vscode.Disposable(() => subscription.dispose()));
}

import * as vscode from 'vscode';
import { SessionKeeper } from '../../session/restore';
import type { SessionState } from '../../session/sessionState';

const SETTING = 'iamTrust.session.restoreOnReload';
/** Global state (not a secret): whether a session may be in the secret storage. */
const STORED_FLAG = 'iamTrust.sessionStored';

/**
 * iamTrust.session.restoreOnReload: the session survives a reload in SecretStorage, and
 * nowhere else. Restores what is kept at activation, and follows the setting as it changes.
 */
export function registerSessionRestore(state: SessionState, context: vscode.ExtensionContext): vscode.Disposable {
  const keeper = new SessionKeeper(state, context.secrets, () => vscode.workspace.getConfiguration().get<boolean>(SETTING, false), {
    get: () => context.globalState.get<boolean>(STORED_FLAG, false),
    set: (value) => context.globalState.update(STORED_FLAG, value),
  });
  void keeper.restore();
  return vscode.Disposable.from(
    keeper,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) void keeper.settingChanged();
    }),
  );
}

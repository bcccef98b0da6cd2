import type * as vscode from 'vscode';
import { COMPETING_VARIABLES, sessionEnvironment } from '../session/credentials';
import type { AssumedSession } from '../session/sts';

/**
 * Puts a session's credentials into every new integrated terminal, through the extension's
 * environment variable collection. Not persistent: VS Code would otherwise keep the secrets
 * in workspace storage across reloads.
 */
export class SessionEnvironment {
  constructor(private readonly collection: vscode.GlobalEnvironmentVariableCollection) {
    collection.persistent = false;
  }

  apply(session: AssumedSession): void {
    this.collection.clear();
    for (const [name, value] of Object.entries(sessionEnvironment(session))) this.collection.replace(name, value);
    // An AWS_PROFILE (or a web-identity or container setting) would win over the keys in
    // the SDKs' chains: empty values make them count as unset.
    for (const name of COMPETING_VARIABLES) this.collection.replace(name, '');
    this.collection.description = `AWS role session ${session.assumedRoleArn}, until ${session.expiration.toLocaleTimeString()}`;
  }

  clear(): void {
    this.collection.clear();
    this.collection.description = undefined;
  }
}

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CredentialEndpoint } from '../session/credentialEndpoint';
import type { SessionState } from '../session/sessionState';
import type { StartEnvironment } from '../session/terminalEnvironment';
import type { SessionEnvironment } from './sessionEnvironment';

/** Settings of a profile that give credentials (profiles.ts sourceKind: anything but 'other'). */
const CREDENTIAL_SETTINGS = /^\s*(aws_access_key_id|role_arn|sso_session|sso_start_url|credential_process)\s*=/;

/**
 * Whether the shared files' [default] profile gives credentials: every client reads it before
 * container credentials. Read synchronously (two small files), so that terminals get the
 * session the moment it is set.
 */
export function defaultProfileHasCredentials(env: StartEnvironment = process.env): boolean {
  const files: Array<[string, RegExp]> = [
    [env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'), /^\s*\[\s*default\s*\]/],
    [env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'), /^\s*\[\s*(profile\s+)?default\s*\]/],
  ];
  return files.some(([file, header]) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    let inDefault = false;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*\[/.test(line)) inDefault = header.test(line);
      else if (inDefault && CREDENTIAL_SETTINGS.test(line)) return true;
    }
    return false;
  });
}

/**
 * Terminals and the credential endpoint follow the window's session: while it lives, the
 * endpoint serves it and new terminals get the endpoint (or, where a client would prefer
 * something else, the keys); at expiry and after Clear the endpoint refuses, so programs in
 * terminals opened before stop, and new terminals get nothing.
 */
export function connectSessionToTerminals(state: SessionState, environment: SessionEnvironment, endpoint: CredentialEndpoint | undefined): vscode.Disposable {
  const subscription = state.onChange(({ kind, session: current }) => {
    if (kind === 'expiring') return;
    if (kind === 'set' && current) {
      endpoint?.serve(current);
      const apply = () => {
        const url = endpoint?.url;
        environment.apply(current, { ...(endpoint && url ? { endpoint: { url, token: endpoint.token } } : {}), defaultProfileHasCredentials: defaultProfileHasCredentials() });
      };
      if (!endpoint || endpoint.url) return apply();
      // The endpoint's server starts with the window's first session: terminals get the session
      // once it listens (the keys, should it fail), unless a later set, Clear or expiry came first.
      const applyIfCurrent = () => {
        if (state.live === current) apply();
      };
      void endpoint.start().then(applyIfCurrent, applyIfCurrent);
      return;
    }
    endpoint?.withdraw(kind === 'expired' ? 'expired' : 'cleared');
    environment.clear();
  });
  return new vscode.Disposable(() => subscription.dispose());
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../local-aws/server';

export interface LocalAwsForTests {
  local: LocalAws;
  /** A temporary folder for the shared credentials and config files. */
  dir: string;
  /** Clears the session, the settings and the files, and stops the endpoint. */
  close(): Promise<void>;
}

/**
 * The local STS/IAM endpoint for a suite in the extension host: a profile per user (named as
 * the user: `arn:…:user/alice` → `[alice]`) in a shared credentials file of its own, and the
 * extension's endpoint settings pointing at it.
 */
export async function startLocalAwsForSuite(options: LocalAwsOptions): Promise<LocalAwsForTests> {
  const local = await startLocalAws(options);
  const dir = mkdtempSync(join(tmpdir(), 'iam-trust-suite-'));
  const profiles = options.users.map((u) => `[${u.arn.slice(u.arn.lastIndexOf('/') + 1)}]\naws_access_key_id = ${u.accessKeyId}\naws_secret_access_key = ${u.secretAccessKey}\n`);
  writeFileSync(join(dir, 'credentials'), profiles.join(''));
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  const config = () => vscode.workspace.getConfiguration('iamTrust');
  await config().update('sts.endpoint', local.endpoint, vscode.ConfigurationTarget.Global);
  await config().update('iam.endpoint', local.endpoint, vscode.ConfigurationTarget.Global);
  return {
    local,
    dir,
    async close() {
      await vscode.commands.executeCommand('iamTrust.clearSession');
      await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await config().update('iam.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await local.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import * as vscode from 'vscode';
import { lint } from '../policy/lint/lint';
import { explainStsError } from '../session/errors';
import { getRole, updateTrustPolicy, type IamTarget } from '../session/iam';
import { compactPolicy, formatPolicy, parseRoleDocumentPath, roleDocumentPath, samePolicy, type RoleRef } from '../session/roleDocuments';
import { IAM_ROLE_SCHEME } from '../language/trustPolicyDocuments';

/** The scheme of the read-only copies shown when a role's policy changed in AWS since it was opened. */
export const IAM_ROLE_REMOTE_SCHEME = 'iam-role-remote';

export function roleDocumentUri(ref: RoleRef): vscode.Uri {
  return vscode.Uri.from({ scheme: IAM_ROLE_SCHEME, path: roleDocumentPath(ref) });
}

/** How a save is confirmed: a modal question in the editor (tests of the extension host answer it themselves). */
export type Confirm = (message: string, detail: string, action: string) => Promise<boolean>;

const modalConfirm: Confirm = async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

/**
 * `iam-role:/<account>/<RoleName>/trust-policy.json`: a role's trust policy as it is in AWS,
 * read with iam:GetRole and saved with iam:UpdateAssumeRolePolicy. A save that IAM would
 * reject, or that would let the wrong party in, or that would overwrite a change made in AWS
 * meanwhile, does not happen without the person's say; a failed save leaves the editor dirty.
 */
export class RoleTrustPolicyFileSystem implements vscode.FileSystemProvider, vscode.TextDocumentContentProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /**
   * The policy each document was read as (what "changed in AWS meanwhile" compares with) and
   * its modification time for VS Code. The time moves only when we save: VS Code refuses a save
   * ("file modified since") when the time moved after it read the file, and a reread that
   * brought the same text must not count as a change.
   */
  private readonly opened = new Map<string, { policy: string; mtime: number }>();
  private clock = 1;
  /** The AWS side of a conflict, for the diff editor. */
  private readonly remote = new Map<string, string>();

  constructor(
    private readonly target: () => IamTarget,
    private readonly accountId: () => string | undefined,
    private readonly confirm: Confirm = modalConfirm,
  ) {}

  watch(): vscode.Disposable {
    // Nothing tells us of changes in AWS; a save compares instead.
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const ref = parseRoleDocumentPath(uri.path);
    if (!ref) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const opened = this.opened.get(uri.toString());
    return { type: vscode.FileType.File, ctime: 0, mtime: opened?.mtime ?? this.clock, size: opened ? Buffer.byteLength(opened.policy) : 0 };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = this.ref(uri);
    try {
      const role = await getRole(ref.roleName, this.target());
      const policy = formatPolicy(role.trustPolicy);
      const before = this.opened.get(uri.toString());
      this.opened.set(uri.toString(), { policy, mtime: before?.mtime ?? this.clock });
      return Buffer.from(policy, 'utf8');
    } catch (error) {
      throw this.failure(error, `Cannot read the trust policy of ${ref.roleName}`, ref);
    }
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const ref = this.ref(uri);
    const text = Buffer.from(content).toString('utf8');
    const accountId = this.accountId() || ref.account;
    const findings = lint(text, { accountId });
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      throw new vscode.FileSystemError(
        `Not saved to AWS: IAM would reject this policy (${errors.map((f) => `${f.code} at line ${f.range.start.line}: ${f.message}`).join('; ')})`,
      );
    }
    const security = findings.filter((f) => f.severity === 'security');
    if (security.length) {
      const go = await this.confirm(
        `Save a trust policy with ${security.length} security finding${security.length === 1 ? '' : 's'} to ${ref.roleName}?`,
        security.map((f) => `• ${f.code} (line ${f.range.start.line}): ${f.message}`).join('\n'),
        'Save to AWS Anyway',
      );
      if (!go) throw new vscode.FileSystemError(`Not saved to AWS: ${security.map((f) => f.code).join(', ')} not confirmed`);
    }
    const target = this.target();
    try {
      const current = formatPolicy((await getRole(ref.roleName, target)).trustPolicy);
      const opened = this.opened.get(uri.toString());
      if (opened && !samePolicy(current, opened.policy) && !samePolicy(current, text)) {
        const remoteUri = vscode.Uri.from({ scheme: IAM_ROLE_REMOTE_SCHEME, path: uri.path, query: String(Date.now()) });
        this.remote.set(remoteUri.toString(), current);
        await vscode.commands.executeCommand('vscode.diff', remoteUri, uri, `${ref.roleName}: in AWS now ↔ yours`);
        const go = await this.confirm(
          `The trust policy of ${ref.roleName} changed in AWS since you opened it.`,
          'The diff shows what AWS has now (left) and your version (right). Overwrite the policy in AWS with yours?',
          'Overwrite',
        );
        if (!go) throw new vscode.FileSystemError(`Not saved to AWS: the policy of ${ref.roleName} changed there since you opened it`);
      }
      await updateTrustPolicy(ref.roleName, compactPolicy(text), target);
      this.opened.set(uri.toString(), { policy: text, mtime: ++this.clock });
      this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
      void vscode.window.setStatusBarMessage(`$(cloud-upload) Trust policy of ${ref.roleName} saved to AWS`, 5000);
    } catch (error) {
      if (error instanceof vscode.FileSystemError) throw error;
      throw this.failure(error, `Not saved to AWS`, ref);
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.remote.get(uri.toString()) ?? '';
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Roles are created in IAM, not here');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('A role\'s trust policy cannot be deleted, only changed');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A role\'s trust policy cannot be renamed');
  }

  private ref(uri: vscode.Uri): RoleRef {
    const ref = parseRoleDocumentPath(uri.path);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    return ref;
  }

  /** IAM's refusals in words: AccessDenied, MalformedPolicyDocument, LimitExceeded, NoSuchEntity, the network. */
  private failure(error: unknown, prefix: string, ref: RoleRef): vscode.FileSystemError {
    const e = error as { name?: string; message?: string };
    const code = e?.name ?? 'Error';
    const detail: Record<string, string> = {
      MalformedPolicyDocumentException: `IAM rejected the policy: ${e.message}`,
      MalformedPolicyDocument: `IAM rejected the policy: ${e.message}`,
      LimitExceededException: `The policy is over the role's size quota (2,048 characters without whitespace by default; up to 4,096 on request): ${e.message}`,
      LimitExceeded: `The policy is over the role's size quota: ${e.message}`,
      NoSuchEntityException: `There is no role ${ref.roleName} in the account of your credentials (${ref.account} expected): ${e.message}`,
      NoSuchEntity: `There is no role ${ref.roleName} in the account of your credentials: ${e.message}`,
      AccessDenied: `Your credentials may not do this (iam:GetRole to open, iam:UpdateAssumeRolePolicy to save): ${e.message}`,
    };
    const explained = detail[code] ?? (({ title, detail: d }) => `${title}. ${d}`)(explainStsError(error, { roleArn: `role ${ref.roleName}`, service: 'IAM' }));
    return new vscode.FileSystemError(`${prefix}: ${explained}`);
  }

  dispose(): void {
    this.changes.dispose();
  }
}

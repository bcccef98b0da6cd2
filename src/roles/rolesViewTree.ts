// The "IAM Roles" view's items and commands (issue 16 §3), loaded by rolesView.ts on first use
// (dist/rolesView.js). Accounts → roles, read with src/session/audit.ts (the window's role
// session while it lives, else the default credentials; the organisation's accounts when
// iamTrust.rolesView.organization is on), each role with its finding counts and whom it trusts.
//
// Why the counts are shown this way: a TreeItem has no badge of its own (TreeView.badge is the
// view container's), so each role's item has a resourceUri of its own scheme and a
// FileDecorationProvider gives it a badge (errors + security findings, in the error or
// security colour; warnings in the warning colour when there is nothing worse) that also
// tints the label, as the Explorer does for files with problems. The item's icon is a ThemeIcon
// in the same ThemeColor, and its description spells every count out ("1 security, 2
// warnings"), so nothing rests on colour alone.
import * as vscode from 'vscode';
import type { ExplanationDocuments } from '../commands/policy/explanationDocument';
import { sessionTargets } from '../commands/session/sessionTargets';
import { lintOptionsFor, readLanguageSettings } from '../language/settings';
import { readAudit, type AuditEndpoints, type AuditProblem } from '../session/audit';
import type { SessionState } from '../session/sessionState';
import { formatPolicy } from '../session/roleDocuments';
import { buildRolesModel, filterMessage, findingTotal, isFiltering, markdownText, matchesFilter, reachDocument, type AccountEntry, type RoleEntry, type RolesFilter, type RolesModel } from './rolesModel';
import { ROLES_VIEW_COMMANDS, ROLES_VIEW_CONTEXT, ROLES_VIEW_ID } from './rolesViewIds';

export type RolesNode =
  | { kind: 'account'; account: AccountEntry }
  | { kind: 'role'; role: RoleEntry; account: AccountEntry }
  | { kind: 'problem'; problem: AuditProblem };

/** The scheme of the roles' resourceUri: only the decorations read it. */
const BADGE_SCHEME = 'iam-trust-role-badge';
/** Read-only copies of roles of other accounts (organisation mode): the window's credentials cannot GetRole there. */
export const ROLE_COPY_SCHEME = 'iam-role-copy';

const color = {
  error: new vscode.ThemeColor('list.errorForeground'),
  security: new vscode.ThemeColor('charts.orange'),
  warning: new vscode.ThemeColor('list.warningForeground'),
  suggestion: new vscode.ThemeColor('charts.blue'),
  none: new vscode.ThemeColor('charts.green'),
};

const roleIcon = (role: RoleEntry): vscode.ThemeIcon =>
  role.counts.error > 0
    ? new vscode.ThemeIcon('error', color.error)
    : role.counts.security > 0
      ? new vscode.ThemeIcon('shield', color.security)
      : role.counts.warning > 0
        ? new vscode.ThemeIcon('warning', color.warning)
        : role.counts.suggestion > 0
          ? new vscode.ThemeIcon('lightbulb', color.suggestion)
          : new vscode.ThemeIcon('pass', color.none);

/** Text in a tooltip's markdown, markup and line breaks escaped. */
const md = markdownText;

interface Source {
  /** The view's description: "as Role/session" or "default credentials". */
  short: string;
}

export class RolesTree implements vscode.FileDecorationProvider, vscode.TextDocumentContentProvider, vscode.Disposable {
  private model: RolesModel | undefined;
  private source: Source | undefined;
  private loading: Promise<RolesModel> | undefined;
  private filter: RolesFilter = { text: '', onlyWithFindings: false };
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly disposables: vscode.Disposable[];
  /** Bumped by every refresh and session change: a reading begun before it is not shown. */
  private generation = 0;

  constructor(
    private readonly view: vscode.TreeView<RolesNode>,
    private readonly session: SessionState,
    private readonly explanations: ExplanationDocuments,
    private readonly changed: vscode.EventEmitter<RolesNode | undefined>,
  ) {
    this.disposables = [
      this.decorationsChanged,
      vscode.window.registerFileDecorationProvider(this),
      vscode.workspace.registerTextDocumentContentProvider(ROLE_COPY_SCHEME, this),
      // Other credentials, other roles: a new session (or none) reads again.
      session.onChange((event) => {
        if (event.kind === 'set' || event.kind === 'cleared') void this.refresh(false);
      }),
    ];
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  private load(): Promise<RolesModel> {
    if (this.model) return Promise.resolve(this.model);
    if (!this.loading) {
      const generation = this.generation;
      const reading = this.read().then((result) => {
        if (generation === this.generation) {
          this.model = result.model;
          this.source = result.source;
          this.showMessage();
          this.decorationsChanged.fire(undefined);
        }
        return result.model;
      });
      this.loading = reading;
      void reading.finally(() => {
        if (this.loading === reading) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async read(): Promise<{ model: RolesModel; source: Source }> {
    const live = this.session.live;
    const target = sessionTargets.iamWithSession(this.session);
    const config = vscode.workspace.getConfiguration('iamTrust');
    const organization = config.get<boolean>('rolesView.organization', false);
    const assumeRoleName = config.get<string>('rolesView.assumeRoleName', 'OrganizationAccountAccessRole').trim() || 'OrganizationAccountAccessRole';
    const source: Source = { short: live ? `as ${live.assumedRoleArn.replace(/^.*:assumed-role\//, '')}` : 'default credentials' };
    // Each service at its own endpoint setting (the session's STS endpoint while one lives).
    const sts = sessionTargets.stsWithSession(this.session).endpoint;
    const organizations = config.get<string>('organizations.endpoint', '').trim();
    const endpoints: AuditEndpoints = { ...(sts ? { sts } : {}), ...(target.endpoint ? { iam: target.endpoint } : {}), ...(organizations ? { organizations } : {}) };
    this.view.message = 'Reading the roles…';
    const data = await vscode.window.withProgress({ location: { viewId: ROLES_VIEW_ID }, title: 'Reading IAM roles' }, () =>
      readAudit({
        // The session's keys, named as the window's session in messages; {} is the default chain.
        sources: [live && 'accessKeyId' in target.source ? { ...target.source, name: `the window's role session ${live.assumedRoleArn}` } : target.source],
        organization,
        assumeRoleName,
        region: target.region,
        endpoints,
        sessionName: 'iam-trust-roles-view',
        onProgress: (p) => {
          this.view.message = `Reading the roles: ${p.accountsDone} of ${p.accountsTotal} account(s) read, ${p.roles} role(s)…`;
        },
      }),
    );
    return { model: buildRolesModel(data, lintOptionsFor(readLanguageSettings(), undefined)), source };
  }

  /** Reads again (the Refresh button); resolves when the roles are read. */
  async refresh(wait = true): Promise<void> {
    this.generation++;
    this.model = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
    if (wait) await this.load();
  }

  private showMessage(): void {
    const model = this.model;
    this.view.description = this.source?.short;
    if (!model) return;
    if (model.accounts.length === 0) {
      const errors = model.problems.filter((p) => p.level === 'error');
      this.view.message = `No account could be read. ${(errors.length ? errors : model.problems).map((p) => p.message).join(' ')}`;
      return;
    }
    this.view.message = filterMessage(model, this.filter);
  }

  // -------------------------------------------------------------------------------------------
  // Items

  async getChildren(node?: RolesNode): Promise<RolesNode[]> {
    if (!node) {
      let model: RolesModel;
      try {
        model = await this.load();
      } catch (error) {
        this.view.message = `Cannot read the roles: ${error instanceof Error ? error.message : String(error)}`;
        return [];
      }
      const problems = model.problems.map((problem): RolesNode => ({ kind: 'problem', problem }));
      const accounts = model.accounts.filter((a) => !isFiltering(this.filter) || a.roles.some((r) => matchesFilter(r, a, this.filter)));
      return [...accounts.map((account): RolesNode => ({ kind: 'account', account })), ...problems];
    }
    if (node.kind !== 'account') return [];
    const { account } = node;
    return [
      ...account.warnings.map((problem): RolesNode => ({ kind: 'problem', problem })),
      ...account.roles.filter((role) => matchesFilter(role, account, this.filter)).map((role): RolesNode => ({ kind: 'role', role, account })),
    ];
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    if (node.kind === 'problem') {
      const { problem } = node;
      const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
      item.iconPath = problem.level === 'error' ? new vscode.ThemeIcon('error', color.error) : new vscode.ThemeIcon('warning', color.warning);
      item.tooltip = problem.message;
      item.contextValue = 'iamTrustRolesProblem';
      return item;
    }
    if (node.kind === 'account') {
      const { account } = node;
      const withFindings = account.roles.filter((r) => findingTotal(r.counts) > 0).length;
      const many = (this.model?.accounts.length ?? 0) > 3 && !isFiltering(this.filter);
      const item = new vscode.TreeItem(account.name ?? account.account, many ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `account:${account.account}`;
      item.description = `${account.name ? `${account.account} · ` : ''}${account.roles.length} role${account.roles.length === 1 ? '' : 's'}${withFindings ? ` · ${withFindings} with findings` : ''}`;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.tooltip = new vscode.MarkdownString(
        `**${md(account.name ?? account.account)}** ${account.account}\n\nRead with ${md(account.readWith ?? 'nothing')}, as ${md(account.via)}.` +
          (account.warnings.length ? `\n\n${account.warnings.map((w) => `⚠ ${md(w.message)}`).join('\n\n')}` : ''),
      );
      item.contextValue = 'iamTrustAccount';
      return item;
    }
    const { role } = node;
    const item = new vscode.TreeItem(role.name, vscode.TreeItemCollapsibleState.None);
    item.id = role.arn;
    item.description = role.countsText;
    item.iconPath = roleIcon(role);
    item.resourceUri = vscode.Uri.from({ scheme: BADGE_SCHEME, path: `/${role.account}/${role.name}` });
    item.tooltip = this.roleTooltip(role);
    item.contextValue = 'iamTrustRole';
    item.command = { command: ROLES_VIEW_COMMANDS.openRole, title: 'Open Trust Policy', arguments: [role.arn] };
    return item;
  }

  private roleTooltip(role: RoleEntry): vscode.MarkdownString {
    const trusts = role.trusts.length ? role.trusts.map((t) => `- ${md(t)}`).join('\n') : '- nothing it can be read as (no statement)';
    const findings = role.findings.length ? `\n\n**${md(role.countsText)}**\n\n${role.findings.map((f) => `- ${md(f)}`).join('\n')}` : '\n\nNo findings.';
    return new vscode.MarkdownString(`**${md(role.name)}** · ${md(role.arn)}\n\n${trusts}${findings}`);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== BADGE_SCHEME) return undefined;
    const role = this.roleAt(uri.path);
    if (!role) return undefined;
    const { counts } = role;
    const serious = counts.error + counts.security;
    const n = serious || counts.warning;
    if (n === 0) return undefined;
    const badge = n > 99 ? '99' : String(n);
    return new vscode.FileDecoration(badge, role.countsText, counts.error ? color.error : counts.security ? color.security : color.warning);
  }

  private roleAt(path: string): RoleEntry | undefined {
    const [, account, name] = path.split('/');
    return this.model?.accounts.find((a) => a.account === account)?.roles.find((r) => r.name === name);
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  async askFilter(text?: string): Promise<void> {
    const value =
      text ??
      (await vscode.window.showInputBox({
        title: 'Filter IAM Roles',
        prompt: 'Show the roles whose name, ARN, account or account name contains this text (empty: all)',
        value: this.filter.text,
      }));
    if (value === undefined) return;
    await this.setFilter({ text: value });
  }

  async setFilter(change: Partial<RolesFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    await vscode.commands.executeCommand('setContext', ROLES_VIEW_CONTEXT.onlyWithFindings, this.filter.onlyWithFindings);
    await vscode.commands.executeCommand('setContext', ROLES_VIEW_CONTEXT.filtered, this.filter.text.trim() !== '');
    this.showMessage();
    this.changed.fire(undefined);
  }

  /** The role of a tree node or an ARN, in the roles read. */
  private async roleOf(target: unknown): Promise<{ role: RoleEntry; account: AccountEntry } | undefined> {
    const arn = typeof target === 'string' ? target : (target as RolesNode | undefined)?.kind === 'role' ? (target as { role: RoleEntry }).role.arn : undefined;
    if (!arn) return undefined;
    const model = await this.load();
    for (const account of model.accounts) {
      const role = account.roles.find((r) => r.arn === arn);
      if (role) return { role, account };
    }
    return undefined;
  }

  /**
   * Opens the role's trust policy: the editable `iam-role:` document for a role of the account the
   * window's credentials are in; a read-only copy of what was read for a role of another account
   * (organisation mode), whose policy those credentials cannot read or save.
   */
  async openRole(target: unknown): Promise<string | undefined> {
    const found = await this.roleOf(target);
    if (!found) {
      void vscode.window.showErrorMessage(`Not a role of the IAM Roles view: ${typeof target === 'string' ? target : 'nothing selected'}`);
      return undefined;
    }
    const { role, account } = found;
    if (!account.via.startsWith('role arn:')) return vscode.commands.executeCommand<string | undefined>('iamTrust.openRoleTrustPolicy', role.arn);
    const uri = vscode.Uri.from({ scheme: ROLE_COPY_SCHEME, path: `/${role.account}/${role.name}/trust-policy.json` });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    void vscode.window.setStatusBarMessage(`$(lock) ${role.name} is in account ${role.account}: a read-only copy of its trust policy as read through ${account.via}`, 8000);
    return uri.toString();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, account, name] = uri.path.split('/');
    const role = this.model?.accounts.find((a) => a.account === account)?.roles.find((r) => r.name === name);
    return role ? formatPolicy(role.trustPolicy) : '';
  }

  /** "Who Can Reach This Role" / "What This Role Can Reach": a markdown document beside the editor. */
  async query(target: unknown, query: 'who-can-reach' | 'reachable-from'): Promise<string | undefined> {
    const found = await this.roleOf(target);
    if (!found || !this.model) {
      void vscode.window.showErrorMessage('Choose a role in the IAM Roles view first.');
      return undefined;
    }
    const markdown = reachDocument(this.model, found.role.arn, query);
    const editor = await this.explanations.show(`${query === 'who-can-reach' ? 'Who can reach' : 'Reachable from'} ${found.role.name}`, markdown);
    return editor.document.uri.toString();
  }

  /** The tree as its items say it (the tests read it): the message, and each item with its children. */
  async snapshot(): Promise<{ message: string | undefined; description: string | undefined; items: unknown[] }> {
    const walk = async (node?: RolesNode): Promise<unknown[]> =>
      Promise.all(
        (await this.getChildren(node)).map(async (child) => {
          const item = this.getTreeItem(child);
          const decoration = item.resourceUri ? this.provideFileDecoration(item.resourceUri) : undefined;
          return {
            label: item.label,
            description: item.description,
            tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
            contextValue: item.contextValue,
            icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
            ...(decoration ? { badge: decoration.badge, badgeColor: (decoration.color as vscode.ThemeColor | undefined)?.id } : {}),
            ...(child.kind === 'account' ? { children: await walk(child) } : {}),
          };
        }),
      );
    const items = await walk();
    return { message: this.view.message, description: this.view.description, items };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

// The "IAM Roles" view's data (issue 16 §3), without VS Code: what src/session/audit.ts read,
// linted and summarised per role, the trust graph for the queries, the filter, and the query
// documents in markdown. rolesViewTree.ts shows it; unit tests check it directly.
import { lint, type LintOptions, type Severity } from '../policy';
import { summarizeStatements } from '../policy/evaluate/summarize';
import { buildTrustGraph, describePath, reachableFrom, REACH_SCOPE, whoCanReach, type GraphPrincipal, type Reach, type TrustGraph } from '../policy/evaluate/trustGraph';
import type { AuditData, AuditedAccount, AuditProblem } from '../session/audit';

export type FindingCounts = Record<Severity, number>;

export interface RoleEntry {
  arn: string;
  name: string;
  account: string;
  trustPolicy: string;
  counts: FindingCounts;
  /** "1 security, 2 warnings" (empty without findings). */
  countsText: string;
  /** Each finding in a line: `security public-principal: …`. */
  findings: string[];
  /** Whom each statement trusts, in the code lens's words. */
  trusts: string[];
}

export interface AccountEntry {
  account: string;
  name?: string;
  /** How it was read: the window's session, the default credentials, or the role assumed. */
  via: string;
  readWith?: string;
  roles: RoleEntry[];
  /** Warnings about this account (read with ListRoles instead, …). */
  warnings: AuditProblem[];
}

export interface RolesModel {
  accounts: AccountEntry[];
  /** Accounts or sources that could not be read at all, and warnings not tied to an account read. */
  problems: AuditProblem[];
  zone: { accounts: string[]; organizationId?: string };
  graph: TrustGraph;
}

export interface RolesFilter {
  text: string;
  onlyWithFindings: boolean;
}

const SEVERITY_ORDER: Severity[] = ['error', 'security', 'warning', 'suggestion'];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word === 'security' ? '' : 's'}`;

export function countsText(counts: FindingCounts): string {
  return SEVERITY_ORDER.filter((s) => counts[s] > 0)
    .map((s) => plural(counts[s], s))
    .join(', ');
}

export const findingTotal = (counts: FindingCounts) => SEVERITY_ORDER.reduce((n, s) => n + counts[s], 0);

/**
 * The model of what the audit read. `options` are the lint settings of the window (ignore, the
 * declared accounts and organisation); each role is linted as a policy of its own account, with
 * the zone of trust the CLI uses: the organisation's accounts, the accounts read, the declared ones.
 */
export function buildRolesModel(data: AuditData, options: LintOptions = {}): RolesModel {
  const zoneAccounts = [
    ...new Set([...(options.accountId ? [options.accountId] : []), ...(options.trustedAccounts ?? []), ...(data.organization?.accounts ?? []), ...data.accounts.map((a) => a.account)]),
  ].sort();
  const organizationId = options.organizationId ?? data.organization?.id;
  const zone = { accounts: zoneAccounts, ...(organizationId ? { organizationId } : {}) };
  const readAccounts = new Set(data.accounts.map((a) => a.account));
  const accounts = data.accounts.map((account: AuditedAccount): AccountEntry => ({
    account: account.account,
    ...(account.name ? { name: account.name } : {}),
    via: account.via,
    ...(account.readWith ? { readWith: account.readWith } : {}),
    roles: account.roles
      .map((role) => {
        const found = lint(role.trustPolicy, { ...options, accountId: role.account, trustedAccounts: zoneAccounts, ...(organizationId ? { organizationId } : {}) });
        const counts: FindingCounts = { error: 0, security: 0, warning: 0, suggestion: 0 };
        for (const f of found) counts[f.severity]++;
        return {
          arn: role.arn,
          name: role.name,
          account: role.account,
          trustPolicy: role.trustPolicy,
          counts,
          countsText: countsText(counts),
          findings: found.map((f) => `${f.severity} ${f.code}: ${f.message}`),
          trusts: summarizeStatements(role.trustPolicy).map((s) => s.title),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    warnings: data.problems.filter((p) => p.level === 'warning' && p.account === account.account),
  }));
  const problems = data.problems.filter((p) => !(p.level === 'warning' && p.account !== undefined && readAccounts.has(p.account)));
  const graph = buildTrustGraph(
    data.accounts.flatMap((a) => a.roles.map((r) => ({ arn: r.arn, trustPolicy: r.trustPolicy }))),
    zone,
  );
  return { accounts, problems, zone, graph };
}

/** Whether a role passes the filter: its name, ARN or account (number or name) contains the text, any case. */
export function matchesFilter(role: RoleEntry, account: AccountEntry, filter: RolesFilter): boolean {
  if (filter.onlyWithFindings && findingTotal(role.counts) === 0) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  return [role.name, role.arn, account.account, account.name ?? ''].some((s) => s.toLowerCase().includes(text));
}

export const isFiltering = (filter: RolesFilter) => filter.onlyWithFindings || filter.text.trim() !== '';

/** What the view's message says of the filter: "Filter "dep", only roles with findings: 3 of 40 roles". */
export function filterMessage(model: RolesModel, filter: RolesFilter): string | undefined {
  if (!isFiltering(filter)) return undefined;
  const all = model.accounts.flatMap((a) => a.roles.map((r) => ({ r, a })));
  const shown = all.filter(({ r, a }) => matchesFilter(r, a, filter)).length;
  const parts = [...(filter.text.trim() ? [`filter "${filter.text.trim()}"`] : []), ...(filter.onlyWithFindings ? ['only roles with findings'] : [])];
  const what = parts.join(', ');
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${shown} of ${plural(all.length, 'role')}`;
}

// ---------------------------------------------------------------------------------------------
// The graph queries as markdown documents

const kindOf = (p: GraphPrincipal) => (p.kind === 'public' ? 'anyone' : `${p.kind}${p.kind === 'role' && !p.audited ? ', not read' : ''}`);

const byOutsideThenLength = (a: Reach, b: Reach) =>
  Number(b.outside) - Number(a.outside) || a.path.length - b.path.length || a.principal.value.localeCompare(b.principal.value);

/** Backticks cannot close a fenced block written with more of them than the text holds. */
function fence(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const marks = '`'.repeat(longest + 1);
  return [`${marks}text`, ...lines, marks];
}

/**
 * Plain text in one line of markdown (a heading, a tooltip's line): what markdown would read as
 * markup is escaped (ARNs hold `*` and `_`; names from AWS or a hostile endpoint may hold
 * backticks, pipes, `<script>`), and line breaks and other control characters are written as
 * \xHH or \uHHHH, so that a name cannot end its heading or list item and start markup of its own.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|&~]|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    if (code >= 0x2028) return `\\u${code.toString(16).toUpperCase()}`;
    return `\\${c}`;
  });
}

/** "Who can reach" (who) or "What it can reach" (from) a role, with each path's statements and conditions. */
export function reachDocument(model: RolesModel, roleArn: string, query: 'who-can-reach' | 'reachable-from'): string {
  const result = query === 'who-can-reach' ? whoCanReach(model.graph, roleArn) : reachableFrom(model.graph, roleArn);
  const roleCount = model.accounts.reduce((n, a) => n + a.roles.length, 0);
  const reaches = [...result.reaches].sort(byOutsideThenLength);
  const outside = reaches.filter((r) => r.outside).length;
  const lines = [
    `# ${query === 'who-can-reach' ? 'Who can reach' : 'What can be reached from'} ${markdownText(roleArn)}`,
    '',
    `> ${markdownText(REACH_SCOPE)}`,
    '',
    markdownText(
      `Read: ${model.accounts.map((a) => `${a.name ? `${a.name} ` : ''}${a.account} (${plural(a.roles.length, 'role')})`).join(', ') || 'no account'}. ` +
        `Zone of trust: ${model.zone.accounts.join(', ')}${model.zone.organizationId ? `, organisation ${model.zone.organizationId}` : ''}.`,
    ),
    '',
  ];
  if (result.subject) {
    lines.push(
      query === 'who-can-reach'
        ? `**${plural(reaches.length, 'principal')}** can reach it by the trust policies of ${plural(roleCount, 'role')}${outside ? `, **${outside} from outside the zone of trust**` : ''}.`
        : `**${plural(reaches.length, 'role')}** of ${roleCount} can be reached from it${outside ? `, **${outside} through a step open to principals outside the zone of trust**` : ''}.`,
      '',
    );
  }
  for (const reach of reaches) {
    lines.push(`## ${reach.outside ? '⚠ outside the zone of trust: ' : ''}${markdownText(reach.principal.value)} (${kindOf(reach.principal)})`, '');
    lines.push(...fence(describePath(reach.path)), '');
  }
  if (result.subject && reaches.length === 0) lines.push(query === 'who-can-reach' ? 'Nobody: no trust policy read admits any principal to it.' : 'No role read trusts it, directly or through a chain.', '');
  for (const note of result.notes) lines.push(`*Note:* ${markdownText(note)}`, '');
  return lines.join('\n');
}

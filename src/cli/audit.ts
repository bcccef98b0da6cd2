import { parseArgs } from 'node:util';
import { lint, RULES } from '../policy';
import { mergeLayers } from '../policy/lint/config';
import { buildTrustGraph, describePath, reachableFrom, REACH_SCOPE, whoCanReach, type GraphPrincipal, type Reach, type ReachResult } from '../policy/evaluate/trustGraph';
import { readAudit, type AuditData, type AuditProblem, type AuditRequest } from '../session/audit';
import { ConfigFinder } from './config';
import type { FileSystem, Notice } from './files';
import { checkLintFlags, statusFor } from './flags';
import { escapeControls, formatNotice, formatSarif, formatText, safeJson, type FileResult } from './format';

declare const IAM_TRUST_VERSION: string;
const VERSION = typeof IAM_TRUST_VERSION === 'string' ? IAM_TRUST_VERSION : 'dev';

export const AUDIT_USAGE = `Usage: trust-policy-lint audit [options]

Reads the trust policy of every role of one or more AWS accounts, or of every account of an
organisation, and lints them (iam:GetAccountAuthorizationDetails; iam:ListRoles when refused).
With --who-can-reach or --reachable-from it answers from the trust graph instead.

Where from:
  --profile <name>             a profile of the shared AWS files (repeatable); default: the SDK's
                               default credentials (environment, default profile, SSO, instance role)
  --organization               list the organisation's accounts (organizations:ListAccounts) with the
                               first profile's credentials and assume --assume-role-name in each
  --assume-role-name <name>    the role assumed in each account (default: OrganizationAccountAccessRole)
  --region <region>            for STS (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --endpoint-url <url>         one endpoint for STS, IAM and Organizations (a local endpoint); one
                               per service: AWS_ENDPOINT_URL_STS, _IAM and _ORGANIZATIONS
  --concurrency <n>            accounts read at the same time, 1 to 32 (default: 4)

What to say:
  --format <text|json|sarif>   output format (default: text); each finding is located at its role's ARN
  --fail-on <severity>         error, security, warning, suggestion or none (default: security)
  --who-can-reach <role-arn>   the principals and chains of roles that can assume the role
  --reachable-from <principal> the roles a principal (role, user or session ARN, account ID, "*",
                               a service or an identity provider) can reach
  --trusted-accounts <ids>     other 12-digit accounts of yours, inside the zone of trust (repeatable)
  --organization-id <o-...>    your organisation's ID, for aws:PrincipalOrgID conditions
  --ignore <codes>             rule codes to silence (repeatable)
  --config <file> | --no-config  the configuration file (default: .iamtrust.json here or above)
  -h, --help                   print this help

The zone of trust is the organisation's accounts, the accounts read, and the configuration's
accountId and trustedAccounts. ${REACH_SCOPE}

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage error, or no
account could be read at all (each account that could not be read is named on standard error).`;

/** Runs `audit` in the real process, to its exit status: an internal error is 2, with a reason. */
export function startAudit(argv: string[], io: AuditIo): Promise<number> {
  // The SDK warns on stderr that its releases from 2027 need Node 22; this CLI supports Node 20 (package.json engines).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return runAudit(argv, { ...io, progress: Boolean(process.stderr.isTTY) }).catch((error: unknown) => {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`trust-policy-lint: internal error (${escapeControls(what)}); please report this\n`);
    return 2;
  });
}

/** What audit needs of the process (main.ts's CliIo has it all). */
export interface AuditIo {
  stdout(text: string): void;
  stderr(text: string): void;
  fs: FileSystem;
  colour: boolean;
  cwd?: string;
  /** Whether to draw a progress line on standard error (a terminal). */
  progress?: boolean;
  /** The AWS reading; readAudit unless a test puts another in its place. */
  read?: (request: AuditRequest) => Promise<AuditData>;
  env?: Record<string, string | undefined>;
}

export async function runAudit(argv: string[], io: AuditIo): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`trust-policy-lint: ${escapeControls(message)}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        profile: { type: 'string', multiple: true, default: [] },
        organization: { type: 'boolean' },
        'assume-role-name': { type: 'string', default: 'OrganizationAccountAccessRole' },
        region: { type: 'string' },
        'endpoint-url': { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'security' },
        'who-can-reach': { type: 'string' },
        'reachable-from': { type: 'string' },
        'trusted-accounts': { type: 'string', multiple: true, default: [] },
        'organization-id': { type: 'string' },
        ignore: { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError(`audit: ${(error as Error).message}\n${AUDIT_USAGE}`);
  }
  if (values.help) {
    io.stdout(AUDIT_USAGE + '\n');
    return 0;
  }
  const checked = checkLintFlags(values);
  if ('error' in checked) return usageError(checked.error);
  const { format, failOn, trustedAccounts, organizationId, ignore } = checked.flags;
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) return usageError(`--concurrency must be a whole number from 1 to 32, got "${values.concurrency}"`);
  const roleName = values['assume-role-name'];
  if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) return usageError(`--assume-role-name must be a role name (1 to 64 letters, digits and +=,.@_-), got "${roleName}"`);
  const whoCanReachArn = values['who-can-reach'];
  const reachableFromText = values['reachable-from'];
  if (whoCanReachArn !== undefined && reachableFromText !== undefined) return usageError('--who-can-reach and --reachable-from exclude each other');
  const query = whoCanReachArn !== undefined ? 'who-can-reach' : reachableFromText !== undefined ? 'reachable-from' : undefined;
  if (query && format === 'sarif') return usageError(`--${query} prints text or json, not sarif`);
  if (whoCanReachArn !== undefined && !/^arn:[\w-]+:iam::\d{12}:role\/./.test(whoCanReachArn)) return usageError(`--who-can-reach takes a role ARN (arn:aws:iam::123456789012:role/Name), got "${whoCanReachArn}"`);
  if (values.organization && values.profile.length > 1) return usageError('--organization reads with one profile\'s credentials: give at most one --profile');

  // The configuration file of the working folder (or --config): the zone of trust, ignore, severity.
  const configs = values['no-config'] ? undefined : new ConfigFinder(io.fs, io.cwd ?? process.cwd(), values.config);
  const fileLayer = configs?.forDir('.')?.config;
  for (const notice of configs?.notices ?? []) io.stderr(formatNotice(notice));
  if (configs?.notices.some((n) => n.level === 'error')) return 2;
  const layer = mergeLayers(fileLayer, { ...(trustedAccounts.length ? { trustedAccounts } : {}), ...(organizationId ? { organizationId } : {}), ignore });

  const env = io.env ?? process.env;
  const endpoint = values['endpoint-url'];
  const request: AuditRequest = {
    sources: values.profile.length > 0 ? values.profile.map((profile) => ({ profile })) : [{}],
    organization: Boolean(values.organization),
    assumeRoleName: roleName,
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    // One endpoint for the three services, as the AWS CLI's --endpoint-url; per service: AWS_ENDPOINT_URL_STS, _IAM, _ORGANIZATIONS.
    ...(endpoint ? { endpoints: { sts: endpoint, iam: endpoint, organizations: endpoint } } : {}),
    concurrency,
    ...(io.progress ? { onProgress: (p) => io.stderr(`\r\u001b[2Kaudit: ${p.accountsDone}/${p.accountsTotal} account(s) read, ${p.roles} role(s)`) } : {}),
  };
  const data = await (io.read ?? readAudit)(request);
  if (io.progress) io.stderr('\r\u001b[2K');
  for (const problem of data.problems) io.stderr(`trust-policy-lint: ${problem.level === 'warning' ? 'warning: ' : ''}${escapeControls(problem.message)}\n`);
  if (data.accounts.length === 0) {
    io.stderr('trust-policy-lint: audit: no account could be read\n');
    if (format === 'json') io.stdout(safeJson({ scope: SCOPE, accounts: [], roles: [], problems: data.problems }));
    return 2;
  }

  const zoneAccounts = [...new Set([...(layer.accountId ? [layer.accountId] : []), ...(layer.trustedAccounts ?? []), ...(data.organization?.accounts ?? []), ...data.accounts.map((a) => a.account)])].sort();
  const zoneOrganization = layer.organizationId ?? data.organization?.id;
  const roles = data.accounts.flatMap((a) => a.roles);

  if (query) {
    const graph = buildTrustGraph(roles.map((r) => ({ arn: r.arn, trustPolicy: r.trustPolicy })), { accounts: zoneAccounts, ...(zoneOrganization ? { organizationId: zoneOrganization } : {}) });
    const result = query === 'who-can-reach' ? whoCanReach(graph, whoCanReachArn!) : reachableFrom(graph, reachableFromText!);
    io.stdout(format === 'json' ? safeJson(queryJson(query, result, data)) : queryText(query, query === 'who-can-reach' ? whoCanReachArn! : reachableFromText!, result, roles.length));
    if (!result.subject) {
      io.stderr(`trust-policy-lint: ${escapeControls(result.notes[result.notes.length - 1] ?? 'unknown principal')}\n`);
      return 2;
    }
    return 0;
  }

  const results: FileResult[] = roles.map((role) => ({
    file: role.arn,
    findings: lint(role.trustPolicy, { ...layer, accountId: role.account, trustedAccounts: zoneAccounts, ...(zoneOrganization ? { organizationId: zoneOrganization } : {}) }),
  }));
  const notices = data.problems.map(toNotice);
  if (format === 'json') {
    io.stdout(
      safeJson({
        scope: SCOPE,
        zone: { accounts: zoneAccounts, ...(zoneOrganization ? { organizationId: zoneOrganization } : {}) },
        accounts: data.accounts.map((a) => ({ account: a.account, ...(a.name ? { name: a.name } : {}), via: a.via, readWith: a.readWith, roles: a.roles.length })),
        roles: results.map((r) => ({ role: r.file, findings: r.findings })),
        problems: data.problems,
      }),
    );
  } else if (format === 'sarif') {
    io.stdout(auditSarif(results, notices, data.problems));
  } else {
    const text = formatText(results, io.colour).replace(/\d+ file\(s\) checked(?=[:,]? )/, `${results.length} role(s) in ${data.accounts.length} account(s) checked`);
    io.stdout(`${text}${escapeControls(SCOPE)}\n`);
  }
  return statusFor(results.flatMap((r) => r.findings), failOn);
}

const SCOPE = 'Trust policies only: identity policies, permission boundaries and SCPs are not read.';

/** A problem as the notice SARIF lists (auditSarif puts the account's ARN and the whole message in it). */
function toNotice(problem: AuditProblem): Notice {
  return { path: problem.account ? `account ${problem.account}` : 'audit', reason: problem.message, level: problem.level, file: false };
}

/** SARIF with each result located at its role's ARN (an absolute URI), and the accounts not read as notifications. */
function auditSarif(results: FileResult[], notices: Notice[], problems: AuditProblem[]): string {
  const sarif = JSON.parse(formatSarif(results, RULES.map((r) => r.meta), VERSION, notices)) as {
    runs: Array<{
      artifacts: Array<{ location: unknown }>;
      results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: unknown }; logicalLocations?: unknown }> }>;
      invocations: Array<{ toolExecutionNotifications?: Array<{ locations?: unknown; message: { text: string } }> }>;
    }>;
  };
  const run = sarif.runs[0]!;
  run.artifacts = results.map((r) => ({ location: { uri: r.file } }));
  let i = 0;
  for (const r of results) {
    for (let n = 0; n < r.findings.length; n++, i++) {
      for (const location of run.results[i]!.locations) {
        location.physicalLocation.artifactLocation = { uri: r.file };
        location.logicalLocations = [{ fullyQualifiedName: r.file, kind: 'resource' }];
      }
    }
  }
  (run.invocations[0]!.toolExecutionNotifications ?? []).forEach((n, k) => {
    const account = problems[k]?.account;
    if (account) n.locations = [{ logicalLocations: [{ fullyQualifiedName: `arn:aws:iam::${account}:root`, kind: 'resource' }] }];
    else delete n.locations;
    n.message.text = problems[k]!.message;
  });
  return safeJson(sarif);
}

// ---------------------------------------------------------------------------------------------
// Graph queries

const kindWord = (p: GraphPrincipal) => (p.kind === 'public' ? '' : ` (${p.kind}${p.kind === 'role' && !p.audited ? ', not read' : ''})`);

function queryText(query: 'who-can-reach' | 'reachable-from', asked: string, result: ReachResult, roleCount: number): string {
  const lines: string[] = [query === 'who-can-reach' ? `Who can reach ${asked}` : `What ${asked} can reach`, REACH_SCOPE, ''];
  const sorted = sortReaches(result.reaches);
  for (const reach of sorted) {
    lines.push(`${reach.outside ? '[outside the zone of trust] ' : ''}${reach.principal.value}${kindWord(reach.principal)}`);
    lines.push(...describePath(reach.path).map((l) => `  ${l}`));
  }
  const outside = sorted.filter((r) => r.outside).length;
  if (result.subject) {
    lines.push(
      query === 'who-can-reach'
        ? `${sorted.length} principal(s) can reach it by the trust policies of ${roleCount} role(s)${outside ? `, ${outside} of them from outside the zone of trust` : ''}.`
        : `${sorted.length} role(s) of ${roleCount} can be reached${outside ? `, ${outside} of them through a step open to principals outside the zone of trust` : ''}.`,
    );
  }
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return lines.map(escapeControls).join('\n') + '\n';
}

function sortReaches(reaches: Reach[]): Reach[] {
  return [...reaches].sort((a, b) => Number(b.outside) - Number(a.outside) || a.path.length - b.path.length || (a.principal.value < b.principal.value ? -1 : a.principal.value > b.principal.value ? 1 : 0));
}

function queryJson(query: string, result: ReachResult, data: AuditData) {
  const principal = (p: GraphPrincipal) => ({ kind: p.kind, value: p.value, ...(p.account ? { account: p.account } : {}), outside: p.outside, ...(p.kind === 'role' ? { read: p.audited } : {}) });
  return {
    scope: REACH_SCOPE,
    query,
    subject: result.subject ? principal(result.subject) : null,
    reaches: sortReaches(result.reaches).map((r) => ({
      principal: principal(r.principal),
      outside: r.outside,
      path: r.path.map((s) => ({
        from: s.from.value,
        to: s.to.value,
        kind: s.kind,
        ...(s.edge
          ? { outside: s.edge.outside, ...(s.edge.pinnedBy ? { pinnedBy: s.edge.pinnedBy } : {}), admittedBy: s.edge.admittedBy, deniedIf: s.edge.deniedIf }
          : {}),
      })),
    })),
    notes: result.notes,
    problems: data.problems,
  };
}

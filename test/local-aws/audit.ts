// The local endpoint's part for `trust-policy-lint audit` (issue 16) — FOR TESTS AND DEMOS:
// IAM GetAccountAuthorizationDetails (query protocol, paged with Marker/IsTruncated) and AWS
// Organizations ListAccounts and DescribeOrganization (JSON 1.1 protocol, X-Amz-Target), plus
// the organisation fixture the tests, the bench and the demo use. server.ts dispatches here.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LocalRole, LocalUser } from './server';

export interface LocalOrganization {
  id: string;
  managementAccount: string;
  accounts: Array<{ id: string; name: string; status?: 'ACTIVE' | 'SUSPENDED' }>;
}

/** What the handlers need of the authenticated caller. */
interface AuditCaller {
  arn: string;
  account: string;
  denied: string[];
}

type Fault = { action: string; status?: number; code?: string; message?: string; delayMs?: number };

const xmlText = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The GetAccountAuthorizationDetailsResult of IAM for the caller's account: with Filter.member.N
 * = Role (or no filter) the roles with their URL-encoded trust policies, MaxItems (default 100,
 * at most 1,000) a page, the next page's Marker while IsTruncated.
 */
export function accountAuthorizationDetails(roles: readonly LocalRole[], account: string, params: URLSearchParams): string {
  const filters = [...params.keys()].filter((k) => /^Filter\.member\.\d+$/.test(k)).map((k) => params.get(k));
  const matching = filters.length === 0 || filters.includes('Role') ? roles.filter((r) => r.account === account) : [];
  const maxItems = Math.min(Number(params.get('MaxItems') ?? '100') || 100, 1000);
  const start = Number(params.get('Marker') ?? '0') || 0;
  const page = matching.slice(start, start + maxItems);
  const truncated = start + maxItems < matching.length;
  const member = (r: LocalRole) => {
    const path = r.path ?? '/';
    return (
      `<member><Path>${xmlText(path)}</Path><RoleName>${xmlText(r.name)}</RoleName><RoleId>AROA${r.name.toUpperCase().padEnd(17, 'X').slice(0, 17)}</RoleId>` +
      `<Arn>${xmlText(`arn:aws:iam::${r.account}:role${path}${r.name}`)}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>` +
      `<AssumeRolePolicyDocument>${xmlText(encodeURIComponent(r.trustPolicy))}</AssumeRolePolicyDocument>` +
      `<InstanceProfileList/><RolePolicyList/><AttachedManagedPolicies/><Tags/></member>`
    );
  };
  return (
    `<RoleDetailList>${page.map(member).join('')}</RoleDetailList><GroupDetailList/><UserDetailList/><Policies/>` +
    `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${start + maxItems}</Marker>` : ''}`
  );
}

/** The AWS service a SigV4 request is signed for (its credential scope). */
export function signedService(req: IncomingMessage): string {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
}

/**
 * AWS Organizations, JSON 1.1: ListAccounts (the management account only; at most 20 a page,
 * NextToken) and DescribeOrganization (any account of the organisation). Faults and calls are
 * the server's own lists: a fault for the action answers instead, in the JSON protocol's form.
 */
export async function handleOrganizations(
  req: IncomingMessage,
  body: Buffer,
  caller: AuditCaller,
  accessKeyId: string,
  organization: LocalOrganization | undefined,
  faults: Fault[] | undefined,
  calls: Array<{ action: string; accessKeyId: string }>,
): Promise<{ status: number; body: string }> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.startsWith('AWSOrganizationsV20161128.') ? target.slice(target.indexOf('.') + 1) : '';
  calls.push({ action, accessKeyId });
  const error = (status: number, type: string, message: string) => ({ status, body: JSON.stringify({ __type: type, message, Message: message }) });
  const fault = faults?.findIndex((f) => f.action === action) ?? -1;
  if (fault >= 0) {
    const [f] = faults!.splice(fault, 1);
    if (f!.delayMs) await new Promise((r) => setTimeout(r, f!.delayMs));
    if (f!.code) return error(f!.status ?? 400, f!.code, f!.message ?? f!.code);
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return error(400, 'SerializationException', 'The request body is not JSON');
  }
  if (!organization || !organization.accounts.some((a) => a.id === caller.account)) {
    return error(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  if (caller.denied.includes(`organizations:${action}`)) {
    return error(400, 'AccessDeniedException', `You don't have permissions to access this resource. (${caller.arn} is not authorized to perform: organizations:${action})`);
  }
  const arnOf = (id: string) => `arn:aws:organizations::${organization.managementAccount}:account/${organization.id}/${id}`;
  switch (action) {
    case 'DescribeOrganization':
      return {
        status: 200,
        body: JSON.stringify({
          Organization: {
            Id: organization.id,
            Arn: `arn:aws:organizations::${organization.managementAccount}:organization/${organization.id}`,
            FeatureSet: 'ALL',
            MasterAccountId: organization.managementAccount,
            MasterAccountArn: arnOf(organization.managementAccount),
            MasterAccountEmail: `aws+${organization.managementAccount}@example.com`,
          },
        }),
      };
    case 'ListAccounts': {
      if (caller.account !== organization.managementAccount) {
        return error(400, 'AccessDeniedException', 'You don\'t have permissions to access this resource. Only the management account or a delegated administrator can list the accounts.');
      }
      const pageSize = Math.min(Number(input.MaxResults ?? 20) || 20, 20);
      const start = typeof input.NextToken === 'string' ? Number(input.NextToken.split(':')[1]) || 0 : 0;
      const page = organization.accounts.slice(start, start + pageSize);
      const next = start + pageSize < organization.accounts.length ? `${randomBytes(4).toString('hex')}:${start + pageSize}` : undefined;
      return {
        status: 200,
        body: JSON.stringify({
          Accounts: page.map((a) => ({ Id: a.id, Arn: arnOf(a.id), Email: `aws+${a.id}@example.com`, Name: a.name, Status: a.status ?? 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: 1767225600 })),
          ...(next ? { NextToken: next } : {}),
        }),
      };
    }
    default:
      return error(400, 'UnknownOperationException', `Unknown operation ${action}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The organisation fixture: five accounts, a few dozen roles, chains and a public role.

export const ORG = {
  id: 'o-exampleorg1',
  management: '111111111111',
  production: '222222222222',
  tools: '333333333333',
  /** Its audit role may not read IAM: GetAccountAuthorizationDetails and ListRoles are refused. */
  sandbox: '444444444444',
  /** Has no audit role at all: AssumeRole is refused. */
  legacy: '555555555555',
  /** Outside the organisation. */
  vendor: '999999999999',
  partner: '888888888888',
} as const;

export const AUDITOR = { arn: `arn:aws:iam::${ORG.management}:user/auditor`, accessKeyId: 'AKIAAUDITOR000000001', secretAccessKey: 'auditor-secret-key-example' };

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trusts = (principal: unknown, condition?: object) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
const arn = (account: string, kind: 'role' | 'user', name: string) => `arn:aws:iam::${account}:${kind}/${name}`;

/**
 * The organisation of the tests and the demo. The known chain: alice (management) → Ops
 * (with MFA) → Tools/Deployer → Production/Deploy → Production/Admin. PublicReader trusts "*";
 * Vendor trusts an outside account with an ExternalId, Partner one without.
 */
export function organizationFixture(options: { auditRoleName?: string } = {}): { users: LocalUser[]; roles: LocalRole[]; organization: LocalOrganization } {
  const auditRole = options.auditRoleName ?? 'OrganizationAccountAccessRole';
  const role = (account: string, name: string, trustPolicy: string, extra: Partial<LocalRole> = {}): LocalRole => ({ name, account, maxSessionDuration: 3600, trustPolicy, ...extra });
  const audit = (account: string, extra: Partial<LocalRole> = {}) => role(account, auditRole, doc(trusts({ AWS: `arn:aws:iam::${ORG.management}:root` })), extra);
  const services = (account: string, prefix: string) =>
    ['lambda', 'ecs-tasks', 'ec2', 'states', 'events', 'codebuild'].map((service) => role(account, `${prefix}-${service}`, doc(trusts({ Service: `${service}.amazonaws.com` })), { path: '/service/' }));
  const roles: LocalRole[] = [
    role(ORG.management, 'Ops', doc(trusts({ AWS: arn(ORG.management, 'user', 'alice') }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))),
    role(ORG.management, 'BreakGlass', doc(trusts({ AWS: arn(ORG.management, 'user', 'alice') }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '300' } } })),
    ...services(ORG.management, 'mgmt'),
    audit(ORG.production),
    role(ORG.production, 'Deploy', doc(trusts({ AWS: arn(ORG.tools, 'role', 'Deployer') }))),
    role(ORG.production, 'Admin', doc(trusts({ AWS: arn(ORG.production, 'role', 'Deploy') }, { StringEquals: { 'aws:PrincipalOrgID': ORG.id } }))),
    role(ORG.production, 'PublicReader', doc(trusts({ AWS: '*' }))),
    role(ORG.production, 'Vendor', doc(trusts({ AWS: `arn:aws:iam::${ORG.vendor}:root` }, { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } }))),
    role(ORG.production, 'Partner', doc(trusts({ AWS: `arn:aws:iam::${ORG.partner}:root` }))),
    ...services(ORG.production, 'prod'),
    audit(ORG.tools),
    role(ORG.tools, 'Deployer', doc(trusts({ AWS: arn(ORG.management, 'role', 'Ops') }))),
    role(
      ORG.tools,
      'GitHubActions',
      doc({
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ORG.tools}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:example/infra:ref:refs/heads/main' } },
      }),
    ),
    ...services(ORG.tools, 'tools'),
    audit(ORG.sandbox, { denied: ['iam:GetAccountAuthorizationDetails', 'iam:ListRoles'] }),
    role(ORG.sandbox, 'Experiment', doc(trusts({ AWS: '*' }))),
  ];
  return {
    users: [AUDITOR, { arn: arn(ORG.management, 'user', 'alice'), accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret-key-example', denied: ['organizations:ListAccounts', 'iam:GetAccountAuthorizationDetails'] }],
    roles,
    organization: {
      id: ORG.id,
      managementAccount: ORG.management,
      accounts: [
        { id: ORG.management, name: 'Management' },
        { id: ORG.production, name: 'Production' },
        { id: ORG.tools, name: 'Tools' },
        { id: ORG.sandbox, name: 'Sandbox' },
        { id: ORG.legacy, name: 'Legacy' },
      ],
    },
  };
}

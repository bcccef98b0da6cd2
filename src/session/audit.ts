import type { AwsCredentialIdentity } from '@smithy/types';
import { explainStsError } from './errors';
import { decodePolicyDocument } from './iam';
import { endpointFor, requestHandlerOptions, sourceCredentials, type StsTarget } from './sts';

/**
 * Reads every role's trust policy of one or more accounts, for `trust-policy-lint audit`
 * (issue 16): from profiles, the default credential chain, or an organisation's accounts
 * (organizations:ListAccounts, then sts:AssumeRole into a named role in each). Per account:
 * iam:GetAccountAuthorizationDetails with Filter=Role, paged; iam:ListRoles when that is
 * refused. Accounts are read concurrently up to a bound; the SDK retries throttled calls with
 * its backoff; an account that cannot be read is reported (naming it and the action refused)
 * and the others go on. Never throws for AWS's answers: every failure is an AuditProblem.
 */

/**
 * Where credentials come from: a profile, `{}` for the SDK's default chain, or static
 * credentials (the window's role session) with the words that name them in messages.
 */
export type AuditSource = { profile?: string } | (AwsCredentialIdentity & { name?: string });

/** An endpoint per service (a local, FIPS or VPC endpoint); each one absent is the SDK's default. */
export interface AuditEndpoints {
  sts?: string;
  iam?: string;
  organizations?: string;
}

export interface AuditRequest {
  /** Where credentials come from: profiles, static credentials, or `[{}]` for the SDK's default chain. */
  sources: AuditSource[];
  /** List the organisation's accounts with the (first) source's credentials and assume `assumeRoleName` in each. */
  organization: boolean;
  assumeRoleName: string;
  region: string;
  /**
   * Per service. Without one: each service uses the source profile's configured endpoint
   * (endpoint_url, its services section) when it has one; otherwise the SDK's default (AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL apply).
   */
  endpoints?: AuditEndpoints;
  /** Accounts read at the same time (default 4). */
  concurrency?: number;
  /** Attempts per call, retries of throttled and failed calls included (default 8). */
  maxAttempts?: number;
  timeoutMs?: number;
  sessionName?: string;
  onProgress?: (progress: AuditProgress) => void;
}

export interface AuditProgress {
  accountsDone: number;
  accountsTotal: number;
  roles: number;
}

export interface AuditedRole {
  arn: string;
  name: string;
  account: string;
  trustPolicy: string;
}

export interface AuditProblem {
  /** error: an account (or a source) that could not be read at all; warning: read another way, or skipped on purpose. */
  level: 'error' | 'warning';
  /** The account it is about, when known. */
  account?: string;
  message: string;
}

export interface AuditedAccount {
  account: string;
  name?: string;
  /** How its credentials were had: a profile, the default chain, or the role assumed. */
  via: string;
  /** The action its roles were read with; undefined when they could not be read. */
  readWith?: 'iam:GetAccountAuthorizationDetails' | 'iam:ListRoles';
  roles: AuditedRole[];
}

export interface AuditData {
  accounts: AuditedAccount[];
  /** The organisation, when listed: its ID (DescribeOrganization, when allowed) and its accounts. */
  organization?: { id?: string; accounts: string[] };
  problems: AuditProblem[];
}

type Credentials = AwsCredentialIdentity;
interface Caller {
  arn: string;
  account: string;
  credentials: Credentials;
  via: string;
  /** Where its calls go, per service: the request's, or its source profile's configured one. */
  endpoints: AuditEndpoints;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const errorCode = (error: unknown) => {
  const e = (error ?? {}) as { name?: string; code?: string; Code?: string };
  return e.name && e.name !== 'Error' ? e.name : (e.code ?? e.Code ?? 'Error');
};
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isDenied = (error: unknown) => ACCESS_DENIED.has(errorCode(error)) || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 403;

/** Client settings shared by every client of the audit: retries with the SDK's backoff, timeouts. */
function clientConfig(request: AuditRequest, credentials: Credentials, endpoint: string | undefined) {
  return {
    credentials,
    maxAttempts: request.maxAttempts ?? 8,
    retryMode: 'standard' as const,
    ...requestHandlerOptions(request),
    ...(endpoint ? { endpoint } : {}),
  };
}

const iamRegion = (region: string) => (/^cn-/.test(region) ? 'cn-north-1' : /^us-gov-/.test(region) ? 'us-gov-west-1' : 'us-east-1');

export async function readAudit(request: AuditRequest): Promise<AuditData> {
  const problems: AuditProblem[] = [];
  const jobs: Array<{ account: string; name?: string; run: () => Promise<AuditedAccount | undefined> }> = [];
  let organization: AuditData['organization'];
  const sources = request.sources.length > 0 ? request.sources : [{}];
  for (const source of request.organization ? sources.slice(0, 1) : sources) {
    const caller = await resolveCaller(request, source, problems);
    if (!caller) continue;
    if (!request.organization) {
      jobs.push({ account: caller.account, run: () => readAccount(request, caller, caller.account, undefined, problems) });
      continue;
    }
    const listed = await listOrganization(request, caller, problems);
    if (!listed) {
      jobs.push({ account: caller.account, run: () => readAccount(request, caller, caller.account, undefined, problems) });
      continue;
    }
    organization = { ...(listed.id ? { id: listed.id } : {}), accounts: listed.accounts.map((a) => a.id) };
    for (const account of listed.accounts) {
      if (account.status !== 'ACTIVE') {
        problems.push({ level: 'warning', account: account.id, message: `account ${label(account.id, account.name)}: skipped, its status is ${account.status}` });
        continue;
      }
      // The caller's own account needs no role: its credentials read it.
      if (account.id === caller.account) jobs.push({ account: account.id, name: account.name, run: () => readAccount(request, caller, account.id, account.name, problems) });
      else jobs.push({ account: account.id, name: account.name, run: () => assumeAndRead(request, caller, account.id, account.name, problems) });
    }
  }
  // The same account through two sources is read once.
  const seen = new Set<string>();
  const unique = jobs.filter((j) => !seen.has(j.account) && seen.add(j.account));
  const progress: AuditProgress = { accountsDone: 0, accountsTotal: unique.length, roles: 0 };
  request.onProgress?.(progress);
  const results: Array<AuditedAccount | undefined> = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) {
      results[i] = await unique[i]!.run().catch((error: unknown) => {
        problems.push({ level: 'error', account: unique[i]!.account, message: `account ${label(unique[i]!.account, unique[i]!.name)}: ${errorCode(error)}: ${errorMessage(error)}` });
        return undefined;
      });
      progress.accountsDone++;
      progress.roles += results[i]?.roles.length ?? 0;
      request.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(request.concurrency ?? 4, unique.length)) }, worker));
  return { accounts: results.filter((r): r is AuditedAccount => r !== undefined), ...(organization ? { organization } : {}), problems };
}

const label = (account: string, name?: string) => (name ? `${account} (${name})` : account);

/** How a source is named in messages: "profile dev", "the default credentials", or the static credentials' own name. */
function sourceName(source: AuditSource): string {
  if ('accessKeyId' in source) return source.name ?? 'the credentials given';
  return source.profile ? `profile ${source.profile}` : 'the default credentials';
}

/** The source's credentials and who they are (sts:GetCallerIdentity); a problem naming the source when there are none. */
async function resolveCaller(request: AuditRequest, source: AuditSource, problems: AuditProblem[]): Promise<Caller | undefined> {
  const via = sourceName(source);
  const profile = 'accessKeyId' in source ? undefined : source.profile;
  const given = request.endpoints ?? {};
  const target: StsTarget = {
    region: request.region,
    // Static credentials go in without their name: the clients get keys only.
    source: 'accessKeyId' in source ? { accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey, ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}), ...(source.expiration ? { expiration: source.expiration } : {}) } : source,
    ...(given.sts ? { endpoint: given.sts } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
  };
  try {
    const provider = await sourceCredentials(target);
    const credentials = typeof provider === 'function' ? await provider() : provider;
    const endpoints: AuditEndpoints = {
      ...(await endpointFor(target, 'sts').then((e) => (e.endpoint ? { sts: e.endpoint } : {}))),
      ...(await endpointFor({ source: target.source, ...(given.iam ? { endpoint: given.iam } : {}) }, 'iam').then((e) => (e.endpoint ? { iam: e.endpoint } : {}))),
      ...(await endpointFor({ source: target.source, ...(given.organizations ? { endpoint: given.organizations } : {}) }, 'organizations').then((e) => (e.endpoint ? { organizations: e.endpoint } : {}))),
    };
    const { GetCallerIdentityCommand, STSClient } = await import('./aws.js');
    const sts = new STSClient({ region: request.region, ...clientConfig(request, credentials, endpoints.sts) });
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      return { arn: identity.Arn ?? '', account: identity.Account ?? '', credentials, via, endpoints };
    } finally {
      sts.destroy();
    }
  } catch (error) {
    const { title, detail } = explainStsError(error, { roleArn: '', ...(profile ? { sourceProfile: profile } : {}), region: request.region, ...(given.sts ? { endpoint: given.sts } : {}) });
    problems.push({ level: 'error', message: `${via}: ${title}. ${detail}` });
    return undefined;
  }
}

/** organizations:ListAccounts (and DescribeOrganization for the organisation's ID, when allowed). */
async function listOrganization(request: AuditRequest, caller: Caller, problems: AuditProblem[]): Promise<{ id?: string; accounts: Array<{ id: string; name?: string; status: string }> } | undefined> {
  const { DescribeOrganizationCommand, OrganizationsClient, paginateListAccounts } = await import('./aws.js');
  const organizations = new OrganizationsClient({ region: iamRegion(request.region), ...clientConfig(request, caller.credentials, caller.endpoints.organizations) });
  try {
    const accounts: Array<{ id: string; name?: string; status: string }> = [];
    try {
      for await (const page of paginateListAccounts({ client: organizations, pageSize: 20 }, {})) {
        for (const a of page.Accounts ?? []) if (a.Id) accounts.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}), status: a.Status ?? a.State ?? 'ACTIVE' });
      }
    } catch (error) {
      const why = isDenied(error)
        ? `organizations:ListAccounts is refused to ${caller.arn} (it needs the management account or a delegated administrator, and that action allowed)`
        : errorCode(error) === 'AWSOrganizationsNotInUseException'
          ? `account ${caller.account} is not in an organisation`
          : `organizations:ListAccounts failed (${errorCode(error)})`;
      problems.push({ level: 'error', account: caller.account, message: `${caller.via}: cannot list the organisation's accounts: ${why}; only account ${caller.account} is audited. AWS said: ${errorMessage(error)}` });
      return undefined;
    }
    let id: string | undefined;
    try {
      id = (await organizations.send(new DescribeOrganizationCommand({}))).Organization?.Id;
    } catch (error) {
      problems.push({ level: 'warning', account: caller.account, message: `${caller.via}: organizations:DescribeOrganization ${isDenied(error) ? 'is refused' : `failed (${errorCode(error)})`}: aws:PrincipalOrgID conditions are judged without the organisation's ID (give it with --organization-id)` });
    }
    return { ...(id ? { id } : {}), accounts };
  } finally {
    organizations.destroy();
  }
}

/** sts:AssumeRole into the account's audit role, then its roles. */
async function assumeAndRead(request: AuditRequest, caller: Caller, account: string, name: string | undefined, problems: AuditProblem[]): Promise<AuditedAccount | undefined> {
  const partition = /^arn:([^:]+):/.exec(caller.arn)?.[1] ?? 'aws';
  const roleArn = `arn:${partition}:iam::${account}:role/${request.assumeRoleName}`;
  const { AssumeRoleCommand, STSClient } = await import('./aws.js');
  const sts = new STSClient({ region: request.region, ...clientConfig(request, caller.credentials, caller.endpoints.sts) });
  let session: Caller;
  try {
    const answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: request.sessionName ?? 'trust-policy-lint-audit', DurationSeconds: 3600 }));
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('STS answered without credentials'), { name: 'InvalidResponse' });
    session = {
      arn: answer.AssumedRoleUser?.Arn ?? roleArn,
      account,
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) },
      via: `role ${roleArn}`,
      // The session's calls go where the caller's do.
      endpoints: caller.endpoints,
    };
  } catch (error) {
    const why = isDenied(error)
      ? `sts:AssumeRole on ${roleArn} is refused to ${caller.arn}: the role does not exist there (check --assume-role-name), or its trust policy does not trust the caller, or the caller's own policies do not allow sts:AssumeRole on it`
      : `sts:AssumeRole on ${roleArn} failed: ${explainStsError(error, { roleArn, region: request.region, ...(caller.endpoints.sts ? { endpoint: caller.endpoints.sts } : {}) }).title}`;
    problems.push({ level: 'error', account, message: `account ${label(account, name)}: not read: ${why}. AWS said: ${errorMessage(error)}` });
    return undefined;
  } finally {
    sts.destroy();
  }
  return readAccount(request, session, account, name, problems);
}

/** Every role with its trust policy: GetAccountAuthorizationDetails, or ListRoles when that is refused. */
async function readAccount(request: AuditRequest, caller: Caller, account: string, name: string | undefined, problems: AuditProblem[]): Promise<AuditedAccount | undefined> {
  const { IAMClient, paginateGetAccountAuthorizationDetails, paginateListRoles } = await import('./aws.js');
  const iam = new IAMClient({ region: iamRegion(request.region), ...clientConfig(request, caller.credentials, caller.endpoints.iam) });
  type ApiRole = { Arn?: string; RoleName?: string; AssumeRolePolicyDocument?: string };
  const toRole = (r: ApiRole): AuditedRole => ({ arn: r.Arn ?? '', name: r.RoleName ?? '', account, trustPolicy: decodePolicyDocument(r.AssumeRolePolicyDocument ?? '') });
  const base = { account, ...(name ? { name } : {}), via: caller.via };
  try {
    const roles: AuditedRole[] = [];
    try {
      for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, { Filter: ['Role'] })) roles.push(...(page.RoleDetailList ?? []).map(toRole));
      return { ...base, readWith: 'iam:GetAccountAuthorizationDetails', roles };
    } catch (error) {
      if (!isDenied(error)) {
        problems.push({ level: 'error', account, message: `account ${label(account, name)}: not read: iam:GetAccountAuthorizationDetails failed (${errorCode(error)}): ${errorMessage(error)}` });
        return undefined;
      }
      roles.length = 0;
      try {
        for await (const page of paginateListRoles({ client: iam, pageSize: 1000 }, {})) roles.push(...(page.Roles ?? []).map(toRole));
      } catch (second) {
        const why = isDenied(second)
          ? `iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused to ${caller.arn}; the audit needs one of them`
          : `iam:GetAccountAuthorizationDetails is refused to ${caller.arn} and iam:ListRoles failed (${errorCode(second)})`;
        problems.push({ level: 'error', account, message: `account ${label(account, name)}: not read: ${why}. AWS said: ${errorMessage(second)}` });
        return undefined;
      }
      problems.push({ level: 'warning', account, message: `account ${label(account, name)}: iam:GetAccountAuthorizationDetails is refused to ${caller.arn}; its roles were read with iam:ListRoles instead` });
      return { ...base, readWith: 'iam:ListRoles', roles };
    }
  } finally {
    iam.destroy();
  }
}

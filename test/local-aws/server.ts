// A local STS/IAM endpoint FOR TESTS AND DEMOS — not an AWS replacement. It speaks the query
// protocol of STS (AssumeRole, GetSessionToken, GetCallerIdentity) and IAM (GetRole, ListRoles,
// UpdateAssumeRolePolicy), verifies SigV4 signatures against the keys it knows (rebuilding the
// canonical request from what was received, so that every correct signer passes: the JS SDK,
// botocore, the AWS CLI), and refuses what STS and IAM refuse with their own error codes and messages.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluate, type AssumeRequest } from '../../src/policy/evaluate/evaluate';
import { FEDERATION_PATH, federationEndpoint } from './federation';
import { handleAccessAnalyzer, isAccessAnalyzerRequest } from './accessAnalyzer';
import { accountAuthorizationDetails, handleOrganizations, signedService, type LocalOrganization } from './audit';
// The organisation fixture of the audit, for npm start and the bench (out/test/local-aws.js).
export { AUDITOR, ORG, organizationFixture } from './audit';

export interface LocalRole {
  name: string;
  account: string;
  maxSessionDuration: number;
  path?: string;
  description?: string;
  /** Actions its sessions' identity policies do not allow, e.g. ['iam:GetRole']; all others are allowed. */
  denied?: string[];
  /** Lifetime of the credentials it issues, whatever was asked: tests see expiry in seconds. */
  issueSeconds?: number;
  /** Its trust policy: AssumeRole is decided by evaluating it (src/policy/evaluate.ts) against the request. */
  trustPolicy: string;
}

/** A trust policy for tests and demos: AWS principals, optionally with an ExternalId or MFA required. */
export function trustPolicy(options: { aws: string[]; externalId?: string; mfa?: boolean; extra?: object[] }): string {
  const conditions: Record<string, Record<string, string>> = {};
  if (options.externalId) conditions.StringEquals = { 'sts:ExternalId': options.externalId };
  if (options.mfa) conditions.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
  const statement = { Effect: 'Allow', Principal: { AWS: options.aws.length === 1 ? options.aws[0] : options.aws }, Action: 'sts:AssumeRole', ...(Object.keys(conditions).length ? { Condition: conditions } : {}) };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement, ...(options.extra ?? [])] });
}

export interface LocalUser {
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial?: string;
  /** Actions the user's identity policies do not allow, e.g. ['iam:ListRoles']; all others are allowed. */
  denied?: string[];
}

interface Caller {
  arn: string;
  account: string;
  userId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  /** The role ARN when the caller is a role session (role chaining). */
  roleArn?: string;
  /** When the caller is a GetSessionToken session: when its MFA code was checked (undefined: none was given). */
  sessionTokenOf?: { mfaAt?: Date };
  /** A role session assumed with temporary credentials (the console federation refuses SessionDuration for it). */
  chained?: boolean;
  denied: string[];
  mfaSerial?: string;
}

export interface LocalAwsOptions {
  users: LocalUser[];
  roles: LocalRole[];
  /** The MFA code the devices show (tests type it). */
  mfaCode?: string;
  /**
   * Failures to answer the next calls of an action with (consumed in order): throttling, a
   * disabled region, a slow answer (delayMs) — the paths a real endpoint takes now and then.
   */
  faults?: Array<{ action: string; status?: number; code?: string; message?: string; delayMs?: number }>;
  /** Why IAM would refuse a trust policy (MalformedPolicyDocument); undefined when it accepts it. */
  rejectPolicy?: (document: string) => string | undefined;
  /** An AWS Organizations organisation of the accounts (ListAccounts, DescribeOrganization: test/local-aws/audit.ts). */
  organization?: LocalOrganization;
  /** Override the lifetime of issued credentials, to see expiry in seconds. */
  sessionSecondsOverride?: number;
  now?: () => Date;
}

export interface LocalAws {
  endpoint: string;
  /** Every authenticated call, in order: what tests check was (or was not) sent. */
  calls: Array<{ action: string; accessKeyId: string }>;
  /** The roles as they are now (UpdateAssumeRolePolicy changes their trust policies). */
  roles: LocalRole[];
  /** The secrets of every session it issued: tests look for leaks of them. */
  issuedSecrets: string[];
  /** The console federation endpoint (getSigninToken, Action=login): test/local-aws/federation.ts. */
  federationEndpoint: string;
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const now = options.now ?? (() => new Date());
  const callers = new Map<string, Caller>();
  const calls: LocalAws['calls'] = [];
  const issuedSecrets: string[] = [];
  for (const user of options.users) {
    callers.set(user.accessKeyId, {
      arn: user.arn,
      account: user.arn.split(':')[4]!,
      userId: `AIDA${user.accessKeyId.slice(4, 20)}`,
      secretAccessKey: user.secretAccessKey,
      denied: user.denied ?? [],
      ...(user.mfaSerial ? { mfaSerial: user.mfaSerial } : {}),
    });
  }

  const federation = federationEndpoint({ caller: (accessKeyId) => callers.get(accessKeyId), now, calls, issuedSecrets });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (federation.serves(req)) {
        const answer = federation.handle(req, Buffer.concat(chunks));
        return send(res, answer.status, answer.body, answer.contentType);
      }
      handle(req, Buffer.concat(chunks))
        .then(({ status, body }) => send(res, status, body))
        .catch((error: unknown) => send(res, 500, errorXml('Receiver', 'InternalFailure', String(error))));
    });
  });

  async function handle(req: IncomingMessage, body: Buffer): Promise<{ status: number; body: string }> {
    // The query protocol: parameters in a form body (POST), or in the query string (GET).
    const params = new URLSearchParams(body.toString('utf8'));
    for (const [name, value] of new URL(req.url ?? '/', 'http://local').searchParams) params.append(name, value);
    const action = params.get('Action') ?? '';
    const caller = authenticate(req, body);
    if ('error' in caller) return caller.error;
    if (isAccessAnalyzerRequest(req)) return handleAccessAnalyzer(req, body, caller, { calls, ...(options.faults ? { faults: options.faults } : {}) });
    if (signedService(req) === 'organizations') return handleOrganizations(req, body, caller, /Credential=([^/]+)/.exec(String(req.headers.authorization))![1]!, options.organization, options.faults, calls);
    calls.push({ action, accessKeyId: /Credential=([^/]+)/.exec(String(req.headers.authorization))![1]! });
    const fault = options.faults?.findIndex((f) => f.action === action) ?? -1;
    if (fault >= 0) {
      const [f] = options.faults!.splice(fault, 1);
      if (f!.delayMs) await new Promise((r) => setTimeout(r, f!.delayMs));
      if (f!.code) return { status: f!.status ?? 400, body: errorXml(f!.status && f!.status >= 500 ? 'Receiver' : 'Sender', f!.code, f!.message ?? f!.code) };
    }
    const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))![1] === 'iam' ? 'iam' : 'sts';
    if (service === 'iam') return handleIam(caller, action, params);
    switch (action) {
      case 'GetCallerIdentity':
        return ok('GetCallerIdentity', `<Arn>${xmlEscape(caller.arn)}</Arn><UserId>${caller.userId}</UserId><Account>${caller.account}</Account>`);
      case 'AssumeRole':
        if (caller.denied.includes('sts:AssumeRole')) return notAuthorized(caller, 'sts:AssumeRole', params.get('RoleArn') ?? '');
        return assumeRole(caller, params);
      case 'GetSessionToken':
        return getSessionToken(caller, params);
      default:
        return { status: 400, body: errorXml('Sender', 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`) };
    }
  }

  function notAuthorized(caller: Caller, action: string, resource: string, service: 'sts' | 'iam' = 'sts') {
    return {
      status: 403,
      body: errorXml('Sender', 'AccessDenied', `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`, service),
    };
  }

  const roleArnOf = (role: LocalRole) => `arn:aws:iam::${role.account}:role${role.path ?? '/'}${role.name}`;
  const roleXml = (role: LocalRole, withPolicy: boolean) =>
    `<Path>${xmlEscape(role.path ?? '/')}</Path><RoleName>${xmlEscape(role.name)}</RoleName><RoleId>AROA${role.name.toUpperCase().padEnd(17, 'X').slice(0, 17)}</RoleId>` +
    `<Arn>${xmlEscape(roleArnOf(role))}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration>` +
    (role.description ? `<Description>${xmlEscape(role.description)}</Description>` : '') +
    (withPolicy ? `<AssumeRolePolicyDocument>${xmlEscape(encodeURIComponent(role.trustPolicy))}</AssumeRolePolicyDocument>` : '');

  /** IAM's query API (version 2010-05-08): the role actions the extension uses. */
  function handleIam(caller: Caller, action: string, params: URLSearchParams): { status: number; body: string } {
    const iamError = (status: number, code: string, message: string) => ({ status, body: errorXml('Sender', code, message, 'iam') });
    // IAM acts in the caller's own account: a role of another account cannot be found by name.
    const findRole = (name: string) => options.roles.find((r) => r.account === caller.account && r.name.toLowerCase() === name.toLowerCase());
    const roleName = params.get('RoleName') ?? '';
    const resource = `role ${roleName}`;
    if (caller.denied.includes(`iam:${action}`)) return notAuthorized(caller, `iam:${action}`, action === 'ListRoles' ? `arn:aws:iam::${caller.account}:role/` : resource, 'iam');
    switch (action) {
      case 'GetRole': {
        const role = findRole(roleName);
        if (!role) return iamError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
        return ok('GetRole', `<Role>${roleXml(role, true)}</Role>`, 'iam');
      }
      case 'ListRoles': {
        const prefix = params.get('PathPrefix') ?? '/';
        const maxItems = Math.min(Number(params.get('MaxItems') ?? '100') || 100, 1000);
        const start = Number(params.get('Marker') ?? '0') || 0;
        const matching = options.roles.filter((r) => (r.path ?? '/').startsWith(prefix) && r.account === caller.account);
        const page = matching.slice(start, start + maxItems);
        const truncated = start + maxItems < matching.length;
        return ok(
          'ListRoles',
          `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${start + maxItems}</Marker>` : ''}<Roles>${page.map((r) => `<member>${roleXml(r, true)}</member>`).join('')}</Roles>`,
          'iam',
        );
      }
      case 'GetAccountAuthorizationDetails':
        return ok('GetAccountAuthorizationDetails', accountAuthorizationDetails(options.roles, caller.account, params), 'iam');
      case 'UpdateAssumeRolePolicy': {
        const role = findRole(roleName);
        if (!role) return iamError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
        const document = params.get('PolicyDocument') ?? '';
        if (document.replace(/\s/g, '').length > 2048) return iamError(409, 'LimitExceeded', 'Cannot exceed quota for ACLSizePerRole: 2048');
        const problem = options.rejectPolicy?.(document);
        if (problem) return iamError(400, 'MalformedPolicyDocument', problem);
        role.trustPolicy = document;
        return ok('UpdateAssumeRolePolicy', '', 'iam');
      }
      default:
        return iamError(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
    }
  }

  /** Finds the caller by its access key and checks the request's SigV4 signature. */
  function authenticate(req: IncomingMessage, body: Buffer): Caller | { error: { status: number; body: string } } {
    const authorization = String(req.headers.authorization ?? '');
    const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
    const denied = (code: string, message: string) => ({ error: { status: 403, body: errorXml('Sender', code, message) } });
    if (!match) return denied('MissingAuthenticationToken', 'Request is missing Authentication Token');
    const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] = match;
    const caller = callers.get(accessKeyId!);
    if (!caller) return denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (caller.expiration && caller.expiration <= now()) return denied('ExpiredToken', 'The security token included in the request is expired');
    if (caller.sessionToken && req.headers['x-amz-security-token'] !== caller.sessionToken) {
      return denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    const expected = sigV4Signature(req, body, { secretAccessKey: caller.secretAccessKey, scopeDate: scopeDate!, region: region!, service: service!, signedHeaders: signedHeaders! });
    if (expected === undefined || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
      return denied('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
    }
    return caller;
  }

  const mfaFailed = () => ({ status: 403, body: errorXml('Sender', 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ') });
  const mfaCodeWrong = (caller: Caller, serial: string, code: string | null) => serial !== caller.mfaSerial || code !== (options.mfaCode ?? '123456');

  /**
   * GetSessionToken (STS API reference): IAM user (or root) credentials only, 900 to 129,600
   * seconds (default 43,200); with SerialNumber and TokenCode the code is checked as AssumeRole
   * checks it, and the session's requests then carry aws:MultiFactorAuthPresent true.
   */
  function getSessionToken(caller: Caller, params: URLSearchParams): { status: number; body: string } {
    if (caller.sessionToken) return { status: 403, body: errorXml('Sender', 'AccessDenied', 'Cannot call GetSessionToken with session credentials') };
    const duration = Number(params.get('DurationSeconds') ?? '43200');
    if (!(duration >= 900 && duration <= 129600)) {
      return {
        status: 400,
        body: errorXml('Sender', 'ValidationError', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 129600'}`),
      };
    }
    const serial = params.get('SerialNumber');
    if (serial && mfaCodeWrong(caller, serial, params.get('TokenCode'))) return mfaFailed();
    const keys = issueKeys(duration);
    // GetCallerIdentity with these keys names the user itself, as STS does.
    callers.set(keys.accessKeyId, { ...caller, ...keys, sessionTokenOf: serial ? { mfaAt: now() } : {} });
    return ok('GetSessionToken', credentialsXml(keys));
  }

  /** New temporary keys, remembered for the leak scans. */
  function issueKeys(seconds: number) {
    const keys = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(now().getTime() + seconds * 1000),
    };
    issuedSecrets.push(keys.secretAccessKey, keys.sessionToken);
    return keys;
  }

  const credentialsXml = (keys: ReturnType<typeof issueKeys>) =>
    `<Credentials><AccessKeyId>${keys.accessKeyId}</AccessKeyId><SecretAccessKey>${keys.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${keys.sessionToken}</SessionToken><Expiration>${keys.expiration.toISOString()}</Expiration></Credentials>`;

  function assumeRole(caller: Caller, params: URLSearchParams): { status: number; body: string } {
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const duration = Number(params.get('DurationSeconds') ?? '3600');
    const validation = (message: string) => ({ status: 400, body: errorXml('Sender', 'ValidationError', message) });
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      return validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
    }
    if (!(duration >= 900 && duration <= 43200)) {
      return validation(`1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`);
    }
    const role = options.roles.find((r) => roleArnOf(r) === roleArn);
    const deny = () => ({
      status: 403,
      body: errorXml('Sender', 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`),
    });
    if (!role) return deny();
    // MFA: the device must be the caller's and the code right; then the request carries MFA.
    const serial = params.get('SerialNumber');
    if (serial && mfaCodeWrong(caller, serial, params.get('TokenCode'))) return mfaFailed();
    // A GetSessionToken session with MFA carries it into the requests it signs.
    const mfaAt = serial ? now() : caller.sessionTokenOf?.mfaAt;
    // The role's trust policy decides, as IAM does: every action the request needs must be allowed.
    const tags = [...params.keys()].filter((k) => /^Tags\.member\.\d+\.Key$/.test(k)).map((k) => [params.get(k)!, params.get(k.replace(/Key$/, 'Value')) ?? ''] as const);
    const sourceIdentity = params.get('SourceIdentity');
    const context: AssumeRequest['context'] = {
      'sts:RoleSessionName': sessionName,
      // A session's ARN does not carry its role's path; IAM knows the role, and so do we.
      ...(caller.roleArn ? { 'aws:PrincipalArn': caller.roleArn } : {}),
      'aws:CurrentTime': now().toISOString(),
      'aws:EpochTime': String(Math.floor(now().getTime() / 1000)),
      ...(params.get('ExternalId') !== null ? { 'sts:ExternalId': params.get('ExternalId')! } : {}),
      ...(mfaAt ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': String(Math.floor((now().getTime() - mfaAt.getTime()) / 1000)) } : {}),
      ...(sourceIdentity ? { 'sts:SourceIdentity': sourceIdentity } : {}),
      ...(tags.length ? { 'aws:TagKeys': tags.map(([k]) => k), ...Object.fromEntries(tags.map(([k, v]) => [`aws:RequestTag/${k}`, v])) } : {}),
    };
    const actions = ['sts:AssumeRole', ...(tags.length ? ['sts:TagSession'] : []), ...(sourceIdentity ? ['sts:SetSourceIdentity'] : [])];
    const principal = { type: 'AWS' as const, id: caller.arn };
    if (!actions.every((action) => evaluate(role.trustPolicy, { principal, action, context, roleArn }).decision === 'allowed')) return deny();
    // AssumeRole with GetSessionToken credentials is capped at one hour like role chaining, with the same message.
    if ((caller.roleArn || caller.sessionTokenOf) && duration > 3600) {
      return validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (duration > role.maxSessionDuration) return validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

    const keys = issueKeys(role.issueSeconds ?? options.sessionSecondsOverride ?? duration);
    const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
    const arn = `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
    callers.set(keys.accessKeyId, { arn, account: role.account, userId: `${roleId}:${sessionName}`, ...keys, roleArn, denied: role.denied ?? [], ...(caller.roleArn || caller.sessionTokenOf ? { chained: true } : {}) });
    return ok(
      'AssumeRole',
      credentialsXml(keys) +
        `<AssumedRoleUser><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId><Arn>${xmlEscape(arn)}</Arn></AssumedRoleUser>`,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    roles: options.roles,
    issuedSecrets,
    federationEndpoint: `http://127.0.0.1:${port}${FEDERATION_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NAMESPACES = { sts: 'https://sts.amazonaws.com/doc/2011-06-15/', iam: 'https://iam.amazonaws.com/doc/2010-05-08/' };

function ok(action: string, result: string, service: 'sts' | 'iam' = 'sts'): { status: number; body: string } {
  return {
    status: 200,
    body: `<${action}Response xmlns="${NAMESPACES[service]}">${result ? `<${action}Result>${result}</${action}Result>` : ''}<ResponseMetadata><RequestId>${randomBytes(16).toString('hex')}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

function errorXml(type: string, code: string, message: string, service: 'sts' | 'iam' = 'sts'): string {
  return `<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomBytes(16).toString('hex')}</RequestId></ErrorResponse>`;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded. */
const sigV4Encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The SigV4 signature a request should carry, computed from the request as it arrived (not by
 * signing it again with one SDK's signer, whose choices — an added x-amz-content-sha256, for
 * one — other signers do not make). Undefined when the request cannot be a valid SigV4 request:
 * no host or x-amz-date among the signed headers, a scope date that is not the request's, or
 * an x-amz-content-sha256 that is not the body's.
 */
export function sigV4Signature(
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  body: Buffer,
  scope: { secretAccessKey: string; scopeDate: string; region: string; service: string; signedHeaders: string },
): string | undefined {
  const names = scope.signedHeaders.split(';');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!names.includes('host') || !names.includes('x-amz-date') || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== scope.scopeDate) return undefined;
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2) as [string?, string?];
  // Every service but S3 encodes the path's segments once more (the received path is already encoded).
  const path = rawPath.split('/').map((segment) => sigV4Encode(segment)).join('/') || '/';
  let pairs: Array<readonly [string, string]>;
  try {
    const decode = (part: string) => sigV4Encode(decodeURIComponent(part.replace(/\+/g, ' ')));
    pairs = rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.includes('=') ? pair.indexOf('=') : pair.length;
        return [decode(pair.slice(0, at)), decode(pair.slice(at + 1))] as const;
      });
  } catch {
    return undefined; // a malformed percent-escape: no signer produced this
  }
  const query = pairs
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = names.map((name) => {
    const value = req.headers[name];
    return `${name}:${(Array.isArray(value) ? value.join(',') : String(value ?? '')).trim().replace(/\s+/g, ' ')}\n`;
  });
  const declaredHash = req.headers['x-amz-content-sha256'];
  const bodyHash = sha256Hex(body);
  if (typeof declaredHash === 'string' && declaredHash !== bodyHash && declaredHash !== 'UNSIGNED-PAYLOAD') return undefined;
  const payloadHash = typeof declaredHash === 'string' ? declaredHash : bodyHash;
  const canonicalRequest = [req.method ?? 'GET', path, query, headers.join(''), scope.signedHeaders, payloadHash].join('\n');
  const credentialScope = `${scope.scopeDate}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${scope.secretAccessKey}`, scope.scopeDate);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/xml'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

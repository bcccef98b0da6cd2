// A local STS/IAM endpoint FOR TESTS AND DEMOS — not an AWS replacement. It speaks the query
// protocol of STS (AssumeRole, GetCallerIdentity) and IAM (GetRole, ListRoles), verifies
// SigV4 signatures with @smithy/signature-v4 against the keys it knows, and refuses what STS
// refuses with STS's own error codes and messages.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface LocalRole {
  name: string;
  account: string;
  maxSessionDuration: number;
  /** Who may assume it: account IDs or principal ARNs (the AWS principals of its trust policy). */
  trusted: string[];
  externalId?: string;
  requireMfa?: boolean;
  trustPolicy: string;
}

export interface LocalUser {
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial?: string;
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
}

export interface LocalAwsOptions {
  users: LocalUser[];
  roles: LocalRole[];
  /** The MFA code the devices show (tests type it). */
  mfaCode?: string;
  /** Override the lifetime of issued credentials, to see expiry in seconds. */
  sessionSecondsOverride?: number;
  now?: () => Date;
}

export interface LocalAws {
  endpoint: string;
  /** Every authenticated call, in order: what tests check was (or was not) sent. */
  calls: Array<{ action: string; accessKeyId: string }>;
  /** The secrets of every session it issued: tests look for leaks of them. */
  issuedSecrets: string[];
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
    });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks).toString('utf8'))
        .then(({ status, body }) => send(res, status, body))
        .catch((error: unknown) => send(res, 500, errorXml('Receiver', 'InternalFailure', String(error))));
    });
  });

  async function handle(req: IncomingMessage, body: string): Promise<{ status: number; body: string }> {
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? '';
    const caller = await authenticate(req, body);
    if ('error' in caller) return caller.error;
    calls.push({ action, accessKeyId: /Credential=([^/]+)/.exec(String(req.headers.authorization))![1]! });
    switch (action) {
      case 'GetCallerIdentity':
        return ok('GetCallerIdentity', `<Arn>${xmlEscape(caller.arn)}</Arn><UserId>${caller.userId}</UserId><Account>${caller.account}</Account>`);
      case 'AssumeRole':
        return assumeRole(caller, params);
      default:
        return { status: 400, body: errorXml('Sender', 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`) };
    }
  }

  /** Finds the caller by its access key and checks the request's SigV4 signature. */
  async function authenticate(req: IncomingMessage, body: string): Promise<Caller | { error: { status: number; body: string } }> {
    const authorization = String(req.headers.authorization ?? '');
    const match = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(authorization);
    const denied = (code: string, message: string) => ({ error: { status: 403, body: errorXml('Sender', code, message) } });
    if (!match) return denied('MissingAuthenticationToken', 'Request is missing Authentication Token');
    const [, accessKeyId, , region, service, signedHeaders, signature] = match;
    const caller = callers.get(accessKeyId!);
    if (!caller) return denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (caller.expiration && caller.expiration <= now()) return denied('ExpiredToken', 'The security token included in the request is expired');
    if (caller.sessionToken && req.headers['x-amz-security-token'] !== caller.sessionToken) {
      return denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) headers[name] = String(req.headers[name] ?? '');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const request = new HttpRequest({
      method: req.method ?? 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port) || undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    });
    const amzDate = headers['x-amz-date'] ?? '';
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const signer = new SignatureV4({
      service: service!,
      region: region!,
      sha256: Hash.bind(null, 'sha256'),
      credentials: { accessKeyId: accessKeyId!, secretAccessKey: caller.secretAccessKey, ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}) },
    });
    const signed = await signer.sign(request, { signingDate });
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
    if (expected !== signature) {
      return denied('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
    }
    return caller;
  }

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
    const role = options.roles.find((r) => `arn:aws:iam::${r.account}:role/${r.name}` === roleArn);
    const deny = () => ({
      status: 403,
      body: errorXml('Sender', 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`),
    });
    if (!role) return deny();
    const principalArn = caller.roleArn ?? caller.arn;
    const trusted = role.trusted.some((t) => t === caller.account || t === `arn:aws:iam::${caller.account}:root` || t === principalArn);
    if (!trusted) return deny();
    if (role.externalId !== undefined && params.get('ExternalId') !== role.externalId) return deny();
    if (role.requireMfa && (!params.get('SerialNumber') || params.get('TokenCode') !== (options.mfaCode ?? '123456'))) return deny();
    if (caller.roleArn && duration > 3600) {
      return validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (duration > role.maxSessionDuration) return validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(96).toString('base64');
    const expiration = new Date(now().getTime() + (options.sessionSecondsOverride ?? duration) * 1000);
    const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
    const arn = `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
    issuedSecrets.push(secretAccessKey, sessionToken);
    callers.set(accessKeyId, { arn, account: role.account, userId: `${roleId}:${sessionName}`, secretAccessKey, sessionToken, expiration, roleArn });
    return ok(
      'AssumeRole',
      `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secretAccessKey}</SecretAccessKey>` +
        `<SessionToken>${sessionToken}</SessionToken><Expiration>${expiration.toISOString()}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId><Arn>${xmlEscape(arn)}</Arn></AssumedRoleUser>`,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    issuedSecrets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function ok(action: string, result: string): { status: number; body: string } {
  return {
    status: 200,
    body: `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomBytes(16).toString('hex')}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

function errorXml(type: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomBytes(16).toString('hex')}</RequestId></ErrorResponse>`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

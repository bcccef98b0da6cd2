import type { AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { SessionCredentials } from './credentials';
import { configuredEndpoint } from './profiles';

/** What an AssumeRole call needs; every value already validated (validation.ts). */
export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  mfaSerial?: string;
  mfaCode?: string;
  sourceIdentity?: string;
  tags?: Array<{ Key: string; Value: string }>;
}

export interface StsTarget {
  region: string;
  /** FIPS, VPC or local endpoint; undefined for the SDK's default (AWS_ENDPOINT_URL_STS applies). */
  endpoint?: string;
  /** Where the source credentials come from: a profile, or the SDK's default chain. */
  source: { profile?: string } | AwsCredentialIdentity;
  abortSignal?: AbortSignal;
  /** How long to wait for an answer, in ms (default 15 s; connecting: at most 5 s). */
  timeoutMs?: number;
  /** Asks for the code of an MFA device that a source profile's own role_arn chain needs. */
  askMfaCode?: (serial: string) => Promise<string>;
}

export interface AssumedSession extends SessionCredentials {
  roleArn: string;
  assumedRoleArn: string;
  sessionName: string;
}

/** The source credentials: static ones as given, a profile or the default chain through the SDK's providers. */
export async function sourceCredentials(target: StsTarget): Promise<AwsCredentialIdentity | AwsCredentialIdentityProvider> {
  if ('accessKeyId' in target.source) return target.source;
  // Loaded on first use: the extension must start without the SDK.
  const { fromIni, fromNodeProviderChain } = await import('./aws.js');
  if (!target.source.profile) return fromNodeProviderChain();
  return fromIni({
    profile: target.source.profile,
    // The files may have changed since the last call (a new SSO token, edited profiles).
    ignoreCache: true,
    // A source profile that itself assumes a role (source_profile chains) calls STS at the
    // same endpoint as everything else: a FIPS, VPC or local endpoint applies to it too.
    ...(target.endpoint ? { roleAssumer: (credentials: AwsCredentialIdentity, params: AssumeRoleCommandInput) => chainedAssumeRole(credentials, params, target) } : {}),
    ...(target.askMfaCode ? { mfaCodeProvider: target.askMfaCode } : {}),
  });
}

async function chainedAssumeRole(credentials: AwsCredentialIdentity, params: AssumeRoleCommandInput, target: StsTarget): Promise<AwsCredentialIdentity> {
  const { AssumeRoleCommand, STSClient } = await import('./aws.js');
  const sts = new STSClient({ region: target.region, credentials, maxAttempts: 2, ...requestHandlerOptions(target), ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
  try {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand(params), target.abortSignal ? { abortSignal: target.abortSignal } : {});
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('STS answered without credentials'), { name: 'InvalidResponse' });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  } finally {
    sts.destroy();
  }
}

/**
 * The target with its source credentials resolved once: a profile that asks for an MFA code
 * or an SSO token asks once, not once per call.
 */
export async function withResolvedSource(target: StsTarget): Promise<StsTarget> {
  const credentials = await sourceCredentials(target);
  // The profile's own endpoint_url still applies once the profile is replaced by its credentials.
  return { ...target, ...(await endpointFor(target, 'sts')), source: typeof credentials === 'function' ? await credentials() : credentials };
}

/** The endpoint for a call: the setting's, else the one the source profile configures (endpoint_url, services), else the SDK's. */
export async function endpointFor(target: Pick<StsTarget, 'source' | 'endpoint'>, service: 'sts' | 'iam' | 'organizations'): Promise<{ endpoint?: string }> {
  if (target.endpoint) return { endpoint: target.endpoint };
  const profile = 'profile' in target.source ? target.source.profile : undefined;
  const configured = profile ? await configuredEndpoint(profile, service).catch(() => undefined) : undefined;
  return configured ? { endpoint: configured } : {};
}

/** Timeouts for every client: without them a dead VPN leaves a call hanging until cancelled. */
export function requestHandlerOptions(target: Pick<StsTarget, 'timeoutMs'>) {
  const requestTimeout = target.timeoutMs ?? 15_000;
  // throwOnRequestTimeout: otherwise the handler only logs a warning and keeps waiting.
  return { requestHandler: { connectionTimeout: Math.min(5000, requestTimeout), requestTimeout, throwOnRequestTimeout: true } };
}

async function client(target: StsTarget) {
  const { STSClient } = await import('./aws.js');
  return new STSClient({
    region: target.region,
    credentials: await sourceCredentials(target),
    maxAttempts: 2,
    ...requestHandlerOptions(target),
    ...(await endpointFor(target, 'sts')),
  });
}

export async function assumeRole(request: AssumeRoleRequest, target: StsTarget): Promise<AssumedSession> {
  const { AssumeRoleCommand } = await import('./aws.js');
  const sts = await client(target);
  try {
    const response = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        ...(request.externalId ? { ExternalId: request.externalId } : {}),
        ...(request.mfaSerial ? { SerialNumber: request.mfaSerial, TokenCode: request.mfaCode } : {}),
        ...(request.sourceIdentity ? { SourceIdentity: request.sourceIdentity } : {}),
        ...(request.tags?.length ? { Tags: request.tags } : {}),
      }),
      target.abortSignal ? { abortSignal: target.abortSignal } : {},
    );
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw Object.assign(new Error('STS answered without credentials'), { name: 'InvalidResponse' });
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      region: target.region,
      roleArn: request.roleArn,
      assumedRoleArn: response.AssumedRoleUser?.Arn ?? '',
      sessionName: request.sessionName,
    };
  } finally {
    sts.destroy();
  }
}

/**
 * sts:GetSessionToken with an MFA code (iamTrust.session.mfaSession): keys that carry MFA,
 * for AssumeRole calls that then need no code. Works with IAM user (or root) credentials only.
 */
export async function getSessionToken(request: { mfaSerial: string; mfaCode: string; durationSeconds: number }, target: StsTarget): Promise<SessionCredentials> {
  const { GetSessionTokenCommand } = await import('./aws.js');
  const sts = await client(target);
  try {
    const { Credentials: c } = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: request.mfaSerial, TokenCode: request.mfaCode, DurationSeconds: request.durationSeconds }),
      target.abortSignal ? { abortSignal: target.abortSignal } : {},
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw Object.assign(new Error('STS answered without credentials'), { name: 'InvalidResponse' });
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  } finally {
    sts.destroy();
  }
}

/** The caller behind the source credentials (for explaining AccessDenied, and "Who Am I"). */
export async function callerIdentity(target: StsTarget): Promise<{ arn: string; account: string }> {
  const { GetCallerIdentityCommand } = await import('./aws.js');
  const sts = await client(target);
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { arn: identity.Arn ?? '', account: identity.Account ?? '' };
  } finally {
    sts.destroy();
  }
}

/** Whether credentials belong to a role session: assuming a role from them is role chaining. */
export function isRoleSessionArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\//.test(arn);
}

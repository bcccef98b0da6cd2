import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { SessionCredentials } from './credentials';

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
  return target.source.profile ? fromIni({ profile: target.source.profile }) : fromNodeProviderChain();
}

async function client(target: StsTarget) {
  const { STSClient } = await import('./aws.js');
  return new STSClient({
    region: target.region,
    credentials: await sourceCredentials(target),
    maxAttempts: 2,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
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

/** What went wrong with an STS call, explained for a person, with what to do about it. */
export interface ExplainContext {
  roleArn: string;
  /** The caller, when GetCallerIdentity could tell. */
  callerArn?: string;
  /** The profile the source credentials came from, if any. */
  sourceProfile?: string;
  durationSeconds?: number;
  chaining?: boolean;
  region?: string;
  endpoint?: string;
  /** The service called (default STS): it names the endpoint setting and variable to check. */
  service?: 'STS' | 'IAM';
}

export interface Explanation {
  title: string;
  detail: string;
  /** The AWS error code or network error behind it. */
  code: string;
}

export function explainStsError(error: unknown, context: ExplainContext): Explanation {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; Code?: string };
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? e.Code ?? 'Error');
  const message = e.message ?? String(error);
  const caller = context.callerArn ?? 'your source credentials';
  const service = context.service ?? 'STS';
  if (code === 'AccessDenied' && /MultiFactorAuthentication failed/i.test(message)) {
    return {
      code,
      title: 'The MFA code was refused',
      detail: `AWS did not accept the code for the MFA device: a mistyped or already used code, or a device that is not ${caller}'s. Wait for the next code and try again. AWS said: ${message}`,
    };
  }
  switch (code) {
    case 'AccessDenied':
      return {
        code,
        title: `Not allowed to assume ${context.roleArn}`,
        detail: [
          `AWS refused ${caller}. Assuming a role needs two things:`,
          `1. the caller's own identity policy allows sts:AssumeRole on ${context.roleArn};`,
          `2. the role's trust policy trusts the caller — and its conditions hold.`,
          'Usual culprits: a missing or wrong ExternalId, a missing or wrong MFA code, or conditions on the session name or source identity.',
          `AWS said: ${message}`,
        ].join('\n'),
      };
    case 'ValidationError':
      if (/role chaining/i.test(message)) {
        return {
          code,
          title: 'Role chaining allows at most 1 hour',
          detail: `Your source credentials are themselves a role session, and STS caps a session assumed from one at 3600 seconds. Ask for 3600 or less. AWS said: ${message}`,
        };
      }
      if (/MaxSessionDuration/i.test(message)) {
        return {
          code,
          title: 'Longer than the role allows',
          detail: `${context.durationSeconds ?? 'The requested'} seconds exceeds the role's MaxSessionDuration (set on the role, 1–12 hours). Ask for less, or raise MaxSessionDuration on the role. AWS said: ${message}`,
        };
      }
      return { code, title: 'STS refused a parameter', detail: message };
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return {
        code,
        title: 'Your source credentials have expired',
        detail: context.sourceProfile
          ? `Renew them, e.g. \`aws sso login --profile ${context.sourceProfile}\` for an SSO profile, then try again.`
          : 'Renew your source credentials (SSO login, a new session, or fresh keys), then try again.',
      };
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
      return {
        code,
        title: 'AWS does not accept your source credentials',
        detail: `The access key is unknown, deactivated or paired with the wrong secret${context.sourceProfile ? ` (profile ${context.sourceProfile})` : ''}. AWS said: ${message}`,
      };
    case 'CredentialsProviderError':
    case 'TokenProviderError':
      return {
        code,
        title: context.sourceProfile ? `No credentials from profile ${context.sourceProfile}` : 'No source credentials found',
        detail: /sso/i.test(message)
          ? `The SSO session has expired or was never started: run \`aws sso login${context.sourceProfile ? ` --profile ${context.sourceProfile}` : ''}\`, then try again.`
          : context.sourceProfile
            ? `The SDK could not get credentials for the profile ${context.sourceProfile} (static keys, SSO, credential_process or source_profile in your shared config files). It said: ${message}`
            : `The SDK's default chain found no credentials (environment, default profile, SSO, instance or container role). Pick a profile as the source, or set credentials up. It said: ${message}`,
      };
    case 'RegionDisabledException':
      return {
        code,
        title: `STS is not activated in ${context.region ?? 'this region'}`,
        detail: 'Activate the region for STS in the IAM console (Account settings), or use another region or the global endpoint.',
      };
    case 'Throttling':
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return { code, title: `${service} is throttling requests`, detail: 'Too many calls in a short time: wait a moment and try again.' };
    case 'TimeoutError':
    case 'ETIMEDOUT':
      return { code, title: `${service} did not answer in time`, detail: `No answer from ${context.endpoint ?? `the ${service} endpoint`}. Check the network, a proxy, or the endpoint setting.` };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ECONNRESET':
      return {
        code,
        title: `Cannot reach ${service}`,
        detail: `${context.endpoint ?? `The ${service} endpoint`} is unreachable (${code}). Check iamTrust.${service.toLowerCase()}.endpoint, AWS_ENDPOINT_URL_${service}, the network or a VPN.`,
      };
    default:
      return { code, title: `${service} failed: ${code}`, detail: message };
  }
}

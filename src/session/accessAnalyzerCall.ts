import type { AwsCredentialIdentity } from '@smithy/types';
import type { Finding } from '../policy/base/finding';
import type { StsTarget } from './sts';

/**
 * What the command and the CLI need of Access Analyzer before (and without) the engine and the
 * SDK: the notice, the codes, why a document is not sent, what a failure means, and the call,
 * which loads src/session/accessAnalyzer.ts from dist/aws.js on first use (the mapping needs the
 * parser, which dist/extension.js does not carry).
 */

/** The diagnostic source, and the prefix of the finding codes: findings are marked as Access Analyzer's. */
export const ACCESS_ANALYZER_SOURCE = 'Access Analyzer';
export const ACCESS_ANALYZER_CODE_PREFIX = 'access-analyzer:';
export const PUBLIC_ACCESS_CODE = `${ACCESS_ANALYZER_CODE_PREFIX}PUBLIC_ACCESS`;
export const ROLE_TRUST_RESOURCE_TYPE = 'AWS::IAM::AssumeRolePolicyDocument';

/** What the calls cost and where they go, said once before the first call (the command and docs/cli.md). */
export const ACCESS_ANALYZER_NOTICE =
  'IAM: Validate with Access Analyzer sends the policy to AWS IAM Access Analyzer (ValidatePolicy and CheckNoPublicAccess) in your account, with the window\'s role session or your default credentials. ValidatePolicy is free; CheckNoPublicAccess is a custom policy check, which AWS bills per call (see https://aws.amazon.com/iam/access-analyzer/pricing/). Nothing is sent for a document that is not valid JSON.';

/** The actions the calls need, for the AccessDenied explanation. */
export const ACCESS_ANALYZER_ACTIONS = { validate: 'access-analyzer:ValidatePolicy', publicAccess: 'access-analyzer:CheckNoPublicAccess' } as const;

/** Why the document is not sent; undefined when it is strict JSON (what IAM and Access Analyzer read). */
export function notParsed(text: string): string | undefined {
  if (text.trim() === '') return 'the document is empty';
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `the document is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A refusal, throttling or failure of the calls, in words that say what to do. */
export function explainAccessAnalyzerError(error: unknown, action: string = ACCESS_ANALYZER_ACTIONS.validate): string {
  const e = (error ?? {}) as { name?: string; Code?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? e.Code ?? e.code ?? '';
  const message = e.message ?? String(error);
  if (/AccessDenied/i.test(name) || (e.$metadata?.httpStatusCode === 403 && !/Token|Signature|Credential/i.test(name))) {
    return `Access Analyzer refused the call: your credentials may not call ${action} (the identity policy of the role session or user must allow ${ACCESS_ANALYZER_ACTIONS.validate} and ${ACCESS_ANALYZER_ACTIONS.publicAccess}). AWS said: ${message}`;
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(name) || e.$metadata?.httpStatusCode === 429) {
    return `Access Analyzer is throttling the calls (${name || 'ThrottlingException'}): wait a few seconds and validate again. AWS said: ${message}`;
  }
  if (/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch/i.test(name)) {
    return `Access Analyzer did not accept the credentials (${name}): refresh the role session or your default credentials. AWS said: ${message}`;
  }
  if (/CredentialsProviderError|Could not load credentials/i.test(`${name} ${message}`)) {
    return `No AWS credentials were found for Access Analyzer: assume a role (IAM: Assume Role…) or configure default credentials. (${message})`;
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError|EAI_AGAIN|socket|network/i.test(`${name} ${message}`)) {
    return `Access Analyzer could not be reached (${name || 'network'}): check the network, the region and the iamTrust.accessAnalyzer.endpoint setting. (${message})`;
  }
  if (/ValidationException/i.test(name)) return `Access Analyzer refused the request as invalid: ${message}`;
  return `Access Analyzer failed (${name || 'error'}): ${message}`;
}

export interface AccessAnalyzerTarget {
  region: string;
  /** A VPC, FIPS or local endpoint; undefined for the SDK's default (AWS_ENDPOINT_URL_ACCESSANALYZER applies). */
  endpoint?: string;
  /** The window's session keys, a profile, or {} for the SDK's default chain. */
  source: StsTarget['source'] | AwsCredentialIdentity;
  abortSignal?: AbortSignal;
  timeoutMs?: number;
}

export interface AccessAnalyzerResult {
  findings: Finding[];
  /** CheckNoPublicAccess's verdict. */
  publicAccess: 'PASS' | 'FAIL' | undefined;
}

export class AccessAnalyzerError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
    readonly action: string,
  ) {
    super(message);
    this.name = 'AccessAnalyzerError';
  }
}

/**
 * The explanation of a failed call. By name, not instanceof: the error is thrown by the copy of
 * this file inside dist/aws.js, another class than the caller's copy.
 */
export function accessAnalyzerFailure(error: unknown): string {
  return error instanceof Error && error.name === 'AccessAnalyzerError' ? error.message : explainAccessAnalyzerError(error);
}

/** ValidatePolicy and CheckNoPublicAccess for one trust policy (src/session/accessAnalyzer.ts, loaded with the SDK). */
export async function validateTrustPolicy(text: string, target: AccessAnalyzerTarget): Promise<AccessAnalyzerResult> {
  // Nothing is loaded, let alone sent, for a document that is not strict JSON.
  const problem = notParsed(text);
  if (problem) throw new AccessAnalyzerError(`Nothing was sent to Access Analyzer: ${problem}`, undefined, 'none');
  const { analyzeWithAccessAnalyzer } = await import('./aws.js');
  return analyzeWithAccessAnalyzer(text, target);
}

/**
 * Checks of what STS AssumeRole accepts, run in the input boxes before any network call.
 * Each returns undefined when the value is acceptable, or the reason it is not.
 * Limits: the AssumeRole API reference (botocore sts/2011-06-15).
 */

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
/** A role session that assumes another role (role chaining) gets at most one hour. */
export const CHAINING_MAX_SECONDS = 3_600;
export const DEFAULT_DURATION_SECONDS = 3_600;
/** GetSessionToken (iamTrust.session.mfaSession) lasts 900 s to 36 h for IAM users. */
export const MIN_MFA_SESSION_SECONDS = 900;
export const MAX_MFA_SESSION_SECONDS = 129_600;

export function validateRoleArn(value: string): string | undefined {
  const v = value.trim();
  if (v.length === 0) return 'Enter a role ARN, e.g. arn:aws:iam::111122223333:role/Deploy';
  if (v.length < 20 || v.length > 2048) return 'A role ARN has 20 to 2,048 characters';
  const match = /^arn:(aws[a-z-]*):iam::(\d+):role\/(.+)$/.exec(v);
  if (!match) return 'Not a role ARN: it looks like arn:aws:iam::<12-digit account>:role/<name>';
  if (match[2]!.length !== 12) return `"${match[2]}" is not an account ID: account IDs have exactly 12 digits`;
  if (!/^[\w+=,.@/-]+$/.test(match[3]!)) return 'Role names (and paths) use only letters, digits and + = , . @ - _ /';
  return undefined;
}

export function validateSessionName(value: string): string | undefined {
  if (value.length < 2 || value.length > 64) return `A session name has 2 to 64 characters (this has ${value.length})`;
  if (!/^[\w+=,.@-]+$/.test(value)) return 'A session name uses only letters, digits and + = , . @ - _';
  return undefined;
}

/** A default session name from the OS user: what STS accepts, recognisable in CloudTrail. */
export function sessionNameFrom(user: string, now = new Date()): string {
  const clean = user.replace(/[^\w+=,.@-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'vscode';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${clean}-${stamp}`.slice(0, 64);
}

export interface DurationLimits {
  /** The role's MaxSessionDuration, when GetRole told us. */
  roleMaxSeconds?: number;
  /** Whether the source credentials are themselves a role session. */
  chaining?: boolean;
  /**
   * Whether the role is assumed with GetSessionToken credentials (iamTrust.session.mfaSession):
   * STS caps those sessions at one hour, as for role chaining.
   */
  mfaSession?: boolean;
}

/** The most a session may last under these limits. */
export function maxDuration({ roleMaxSeconds, chaining, mfaSession }: DurationLimits): number {
  let max = MAX_DURATION_SECONDS;
  if (roleMaxSeconds !== undefined) max = Math.min(max, roleMaxSeconds);
  if (chaining || mfaSession) max = Math.min(max, CHAINING_MAX_SECONDS);
  return max;
}

export function validateDuration(value: string | number, limits: DurationLimits = {}): string | undefined {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) return 'Enter the duration in whole seconds, e.g. 3600';
  const seconds = Number(text);
  if (seconds < MIN_DURATION_SECONDS) return `At least ${MIN_DURATION_SECONDS} seconds (15 minutes)`;
  if (seconds > MAX_DURATION_SECONDS) {
    return `At most ${MAX_DURATION_SECONDS} seconds (12 hours), the longest STS allows; ${seconds} is ${formatHours(seconds)}`;
  }
  if (limits.chaining && seconds > CHAINING_MAX_SECONDS) {
    return `At most ${CHAINING_MAX_SECONDS} seconds (1 hour): your source credentials are themselves a role session, and STS caps sessions assumed through role chaining at one hour`;
  }
  if (limits.mfaSession && seconds > CHAINING_MAX_SECONDS) {
    return `At most ${CHAINING_MAX_SECONDS} seconds (1 hour): with iamTrust.session.mfaSession the role is assumed with your MFA session's (GetSessionToken) credentials, and STS caps those sessions at one hour, as for role chaining; set iamTrust.session.mfaSession to 0 for a longer session with a code at every refresh`;
  }
  if (limits.roleMaxSeconds !== undefined && seconds > limits.roleMaxSeconds) {
    return `At most ${limits.roleMaxSeconds} seconds (${formatHours(limits.roleMaxSeconds)}): the role's MaxSessionDuration`;
  }
  return undefined;
}

/** The iamTrust.session.mfaSession setting: 0 (off), else 900 to 129,600 seconds. */
export function validateMfaSessionSeconds(value: number): string | undefined {
  if (value === 0) return undefined;
  if (!Number.isInteger(value) || value < MIN_MFA_SESSION_SECONDS || value > MAX_MFA_SESSION_SECONDS) {
    return `iamTrust.session.mfaSession is 0 (off) or ${MIN_MFA_SESSION_SECONDS} to ${MAX_MFA_SESSION_SECONDS.toLocaleString('en-US')} seconds (36 hours), not ${value}`;
  }
  return undefined;
}

export function validateExternalId(value: string): string | undefined {
  if (value.length < 2 || value.length > 1224) return 'An external ID has 2 to 1,224 characters';
  if (!/^[\w+=,.@:/-]+$/.test(value)) return 'An external ID uses only letters, digits and + = , . @ : / - _';
  return undefined;
}

export function validateMfaSerial(value: string): string | undefined {
  if (value.length < 9 || value.length > 256) return 'An MFA device serial or ARN has 9 to 256 characters';
  if (!/^[\w+=/:,.@-]+$/.test(value)) return 'Not an MFA serial: use the device ARN, e.g. arn:aws:iam::111122223333:mfa/alice';
  return undefined;
}

export function validateMfaCode(value: string): string | undefined {
  return /^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code your MFA device shows';
}

export function validateSourceIdentity(value: string): string | undefined {
  if (/^aws:/i.test(value)) return 'A source identity cannot start with "aws:"';
  if (value.length < 2 || value.length > 64) return 'A source identity has 2 to 64 characters';
  if (!/^[\w+=,.@-]+$/.test(value)) return 'A source identity uses only letters, digits and + = , . @ - _';
  return undefined;
}

/** `key=value` pairs for session tags: at most 50, keys 1–128 and values 0–256 characters. */
export function parseSessionTags(text: string): { tags: Array<{ Key: string; Value: string }>; problem?: string } {
  const tags: Array<{ Key: string; Value: string }> = [];
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length > 50) return { tags, problem: 'At most 50 session tags' };
  const seen = new Set<string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key.length < 1 || key.length > 128) return { tags, problem: `Tag key "${key}" must have 1 to 128 characters` };
    if (value.length > 256) return { tags, problem: `The value of tag ${key} has more than 256 characters` };
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key)) return { tags, problem: `Tag key "${key}" has characters STS does not accept` };
    // Tag keys are case-insensitive in STS: Team and team are the same tag.
    if (seen.has(key.toLowerCase())) return { tags, problem: `Tag ${key} is given twice (keys ignore case)` };
    seen.add(key.toLowerCase());
    tags.push({ Key: key, Value: value });
  }
  return { tags };
}

function formatHours(seconds: number): string {
  const hours = seconds / 3600;
  return Number.isInteger(hours) ? `${hours} hour${hours === 1 ? '' : 's'}` : `${hours.toFixed(1)} hours`;
}

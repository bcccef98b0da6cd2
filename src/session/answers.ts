import type { RoleProfile } from './profiles';
import type { AssumeRoleRequest } from './sts';
import {
  DEFAULT_DURATION_SECONDS,
  validateDuration,
  validateExternalId,
  validateMfaCode,
  validateMfaSerial,
  validateRoleArn,
  validateSessionName,
  validateSourceIdentity,
  type DurationLimits,
} from './validation';

/**
 * Everything "Assume Role" asks for. What is remembered between runs (RememberedRole) is this
 * without the MFA code: no secret is ever kept.
 */
export interface AssumeRoleAnswers {
  roleArn: string;
  /** The profile whose credentials call AssumeRole; undefined for the SDK's default chain. */
  profile?: string;
  sessionName?: string;
  durationSeconds?: number;
  externalId?: string;
  mfaSerial?: string;
  mfaCode?: string;
  sourceIdentity?: string;
  tags?: Array<{ Key: string; Value: string }>;
  region?: string;
}

export type RememberedRole = Omit<AssumeRoleAnswers, 'mfaCode'> & { usedAt: number };

export const RECENT_ROLES_LIMIT = 10;

/** The recent list after using `answers`: newest first, one entry per role and source, no MFA code. */
export function rememberRole(recent: readonly RememberedRole[], answers: AssumeRoleAnswers, now = Date.now()): RememberedRole[] {
  const { mfaCode: _secret, ...kept } = answers;
  const same = (r: RememberedRole) => r.roleArn === answers.roleArn && (r.profile ?? '') === (answers.profile ?? '');
  return [{ ...kept, usedAt: now }, ...recent.filter((r) => !same(r))].slice(0, RECENT_ROLES_LIMIT);
}

/** Remembered entries as read back from storage: anything malformed (an older format, a hand edit) is dropped. */
export function readRecentRoles(stored: unknown): RememberedRole[] {
  if (!Array.isArray(stored)) return [];
  return stored
    .filter((r): r is RememberedRole => typeof r === 'object' && r !== null && typeof (r as RememberedRole).roleArn === 'string' && !validateRoleArn((r as RememberedRole).roleArn))
    .map(({ mfaCode: _never, ...r }: RememberedRole & { mfaCode?: string }) => r)
    .slice(0, RECENT_ROLES_LIMIT);
}

/** What a profile with role_arn contributes: its source profile and its settings for STS. */
export function answersFromProfile(profile: RoleProfile): AssumeRoleAnswers {
  return {
    roleArn: profile.roleArn,
    ...(profile.sourceProfile ? { profile: profile.sourceProfile } : {}),
    ...(profile.externalId ? { externalId: profile.externalId } : {}),
    ...(profile.mfaSerial ? { mfaSerial: profile.mfaSerial } : {}),
    ...(profile.durationSeconds ? { durationSeconds: profile.durationSeconds } : {}),
    ...(profile.roleSessionName ? { sessionName: profile.roleSessionName } : {}),
    ...(profile.region ? { region: profile.region } : {}),
  };
}

/** The first problem STS would have with these answers, checked before any network call. */
export function answersProblem(answers: AssumeRoleAnswers, limits: DurationLimits = {}): string | undefined {
  return (
    validateRoleArn(answers.roleArn) ??
    validateSessionName(answers.sessionName ?? '') ??
    validateDuration(answers.durationSeconds ?? DEFAULT_DURATION_SECONDS, limits) ??
    (answers.externalId !== undefined ? validateExternalId(answers.externalId) : undefined) ??
    (answers.mfaSerial !== undefined ? validateMfaSerial(answers.mfaSerial) : undefined) ??
    (answers.mfaSerial !== undefined ? validateMfaCode(answers.mfaCode ?? '') : undefined) ??
    (answers.sourceIdentity !== undefined ? validateSourceIdentity(answers.sourceIdentity) : undefined)
  );
}

/** The AssumeRole request for answers that passed answersProblem(). */
export function requestFrom(answers: AssumeRoleAnswers): AssumeRoleRequest {
  return {
    roleArn: answers.roleArn.trim(),
    sessionName: answers.sessionName!,
    durationSeconds: answers.durationSeconds ?? DEFAULT_DURATION_SECONDS,
    ...(answers.externalId ? { externalId: answers.externalId } : {}),
    ...(answers.mfaSerial ? { mfaSerial: answers.mfaSerial, mfaCode: answers.mfaCode!.trim() } : {}),
    ...(answers.sourceIdentity ? { sourceIdentity: answers.sourceIdentity } : {}),
    ...(answers.tags?.length ? { tags: answers.tags } : {}),
  };
}

/** Region for STS and the session's terminals: the setting, the profile, the environment, us-east-1. */
export function regionFor(setting: string | undefined, answers: Pick<AssumeRoleAnswers, 'region'>, env: NodeJS.ProcessEnv = process.env): string {
  return setting?.trim() || answers.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

import type { SessionCredentials } from './credentials';

/**
 * MFA once, not every hour (iamTrust.session.mfaSession): the keys of an sts:GetSessionToken
 * session made with an MFA code, per source credentials and MFA device. AssumeRole called with
 * them needs no code (their requests carry aws:MultiFactorAuthPresent), so refreshes of roles
 * with the same source need none until the MFA session expires.
 *
 * In memory only: never written to disk, logs, workspace or secret storage; a reload forgets them.
 */
export interface MfaSessionKey {
  /** The source profile; undefined for the SDK's default chain. */
  profile?: string;
  mfaSerial: string;
  /** The STS endpoint the keys were issued by (a local or VPC endpoint's keys are valid only there). */
  endpoint?: string;
}

/** An MFA session this close to its end is not used: the AssumeRole it would sign could fail on the way. */
export const MFA_SESSION_MARGIN_MS = 60_000;

export class MfaSessions {
  private readonly sessions = new Map<string, SessionCredentials>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The live MFA session for this source and device, if any (an expired one is forgotten). */
  get(key: MfaSessionKey): SessionCredentials | undefined {
    const id = keyOf(key);
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiration.getTime() - this.now() <= MFA_SESSION_MARGIN_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  has(key: MfaSessionKey): boolean {
    return this.get(key) !== undefined;
  }

  put(key: MfaSessionKey, credentials: SessionCredentials): void {
    this.sessions.set(keyOf(key), credentials);
  }

  /** After STS refused its keys (expired, revoked): the next attempt asks for a code again. */
  forget(key: MfaSessionKey): void {
    this.sessions.delete(keyOf(key));
  }

  clear(): void {
    this.sessions.clear();
  }

  dispose(): void {
    this.clear();
  }
}

function keyOf({ profile, mfaSerial, endpoint }: MfaSessionKey): string {
  return JSON.stringify([profile ?? '', mfaSerial.trim(), endpoint ?? '']);
}

/** Temporary credentials of a role session, and what the UI shows of their lifetime. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  region?: string;
}

/** The environment variables a terminal gets for a session. */
export function sessionEnvironment(credentials: SessionCredentials): Record<string, string> {
  const expiration = credentials.expiration.toISOString();
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    // Both names are read in the wild: the SDKs' and starship's.
    AWS_SESSION_EXPIRATION: expiration,
    AWS_CREDENTIAL_EXPIRATION: expiration,
    ...(credentials.region ? { AWS_REGION: credentials.region, AWS_DEFAULT_REGION: credentials.region } : {}),
  };
}

export type ExpiryState = 'ok' | 'warning' | 'expired';

export function expiryState(expiration: Date, now: Date, warnMinutes: number): ExpiryState {
  const left = expiration.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= warnMinutes * 60_000 ? 'warning' : 'ok';
}

/** Time left as the status bar shows it: `2h 05m`, `42m`, and seconds in the last two minutes. */
export function formatTimeLeft(expiration: Date, now: Date): string {
  const seconds = Math.ceil((expiration.getTime() - now.getTime()) / 1000);
  if (seconds <= 0) return 'expired';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** How long until the display changes: once a second near the end, else at the next minute. */
export function nextTickMs(expiration: Date, now: Date): number {
  const left = expiration.getTime() - now.getTime();
  if (left <= 0) return Number.POSITIVE_INFINITY;
  if (left <= 120_000) return Math.max(1000 - (now.getTime() % 1000), 1);
  const toMinute = left % 60_000;
  return toMinute === 0 ? 60_000 : toMinute;
}

/** An access key as logs may show it: the last four characters only. */
export function redactKey(key: string): string {
  return key.length <= 4 ? '****' : `…${key.slice(-4)}`;
}

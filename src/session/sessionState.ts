import type { AssumeRoleAnswers } from './answers';
import type { AssumedSession } from './sts';

export type SessionEvent = { kind: 'set' | 'expiring' | 'expired' | 'cleared'; session: AssumedSession | undefined };

/** How a session was made, so that Refresh can repeat it: never the MFA code. */
export interface SessionOrigin {
  answers: Omit<AssumeRoleAnswers, 'mfaCode'>;
  region: string;
  stsEndpoint?: string;
  /** When STS issued it (ms since the epoch). */
  obtainedAt: number;
  /** Assumed with temporary credentials (the source was a role session, or an MFA session's keys): role chaining. */
  chained?: boolean;
}

/** A refresh needs at least this much of a session's life behind it: a session shorter than the warning time would otherwise be refreshed again and again. */
export const MIN_AGE_FOR_AUTO_REFRESH_MS = 60_000;

/**
 * Whether an expiring session may be refreshed without asking: enabled, no MFA code needed
 * (none, or a live MFA session covers it: `mfaCovered`), and not just refreshed.
 */
export function mayAutoRefresh(origin: SessionOrigin | undefined, enabled: boolean, now = Date.now(), mfaCovered = false): boolean {
  return enabled && origin !== undefined && (!origin.answers.mfaSerial || mfaCovered) && now - origin.obtainedAt >= MIN_AGE_FOR_AUTO_REFRESH_MS;
}

export interface SessionStateOptions {
  now?: () => Date;
  /** How long before expiry 'expiring' fires (read at each set, so a setting change applies to the next session). */
  warnBeforeMs?: () => number;
}

/**
 * The window's one role session, in memory only. Fires when a session is set, is about to
 * expire, expires or is cleared; at expiry it keeps the session (to show what expired) but
 * says it is dead. Two timers at most, and only while a session exists.
 */
export class SessionState {
  private session: AssumedSession | undefined;
  private sessionOrigin: SessionOrigin | undefined;
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly now: () => Date;
  private readonly warnBeforeMs: () => number;

  constructor(options: SessionStateOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.warnBeforeMs = options.warnBeforeMs ?? (() => 5 * 60_000);
  }

  get current(): AssumedSession | undefined {
    return this.session;
  }

  get origin(): SessionOrigin | undefined {
    return this.sessionOrigin;
  }

  /** The session while it is valid; undefined when there is none or it has expired. */
  get live(): AssumedSession | undefined {
    return this.expired ? undefined : this.session;
  }

  get expired(): boolean {
    return this.session !== undefined && this.session.expiration.getTime() <= this.now().getTime();
  }

  onChange(listener: (event: SessionEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  set(session: AssumedSession, origin?: SessionOrigin): void {
    this.session = session;
    this.sessionOrigin = origin;
    this.schedule();
    this.fire('set');
  }

  clear(): void {
    this.cancelTimers();
    this.session = undefined;
    this.sessionOrigin = undefined;
    this.fire('cleared');
  }

  dispose(): void {
    this.cancelTimers();
    this.listeners.clear();
  }

  private cancelTimers(): void {
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }

  private schedule(): void {
    this.cancelTimers();
    const session = this.session;
    if (!session) return;
    // setTimeout holds at most ~24.8 days; sessions last at most 12 hours.
    const left = session.expiration.getTime() - this.now().getTime();
    const at = (delay: number, kind: SessionEvent['kind']) =>
      this.timers.push(
        setTimeout(() => {
          if (this.session === session) this.fire(kind);
        }, Math.max(0, delay)),
      );
    const warnAt = left - this.warnBeforeMs();
    // A session shorter than the warning time warns at once, unless it is already dead.
    if (left > 0) at(warnAt, 'expiring');
    at(left, 'expired');
  }

  private fire(kind: SessionEvent['kind']): void {
    for (const listener of [...this.listeners]) listener({ kind, session: this.session });
  }
}

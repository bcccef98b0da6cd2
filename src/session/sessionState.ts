import type { AssumedSession } from './sts';

export type SessionEvent = { kind: 'set' | 'expired' | 'cleared'; session: AssumedSession | undefined };

/**
 * The window's one role session, in memory only. Fires when a session is set, expires or is
 * cleared; at expiry it keeps the session (to show what expired) but says it is dead.
 */
export class SessionState {
  private session: AssumedSession | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  get current(): AssumedSession | undefined {
    return this.session;
  }

  get expired(): boolean {
    return this.session !== undefined && this.session.expiration.getTime() <= this.now().getTime();
  }

  onChange(listener: (event: SessionEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  set(session: AssumedSession): void {
    this.session = session;
    this.scheduleExpiry();
    this.fire('set');
  }

  clear(): void {
    clearTimeout(this.expiryTimer);
    this.session = undefined;
    this.fire('cleared');
  }

  dispose(): void {
    clearTimeout(this.expiryTimer);
    this.listeners.clear();
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const session = this.session;
    if (!session) return;
    // setTimeout holds at most ~24.8 days; sessions last at most 12 hours.
    const delay = Math.max(0, session.expiration.getTime() - this.now().getTime());
    this.expiryTimer = setTimeout(() => {
      if (this.session === session) this.fire('expired');
    }, delay);
  }

  private fire(kind: SessionEvent['kind']): void {
    for (const listener of this.listeners) listener({ kind, session: this.session });
  }
}

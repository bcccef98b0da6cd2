import type { SessionOrigin, SessionState } from './sessionState';
import type { AssumedSession } from './sts';

/** The part of VS Code's SecretStorage used here (the OS keychain behind it). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export const SESSION_SECRET_KEY = 'iamTrust.session';

interface Stored {
  version: 1;
  session: Omit<AssumedSession, 'expiration'> & { expiration: string };
  origin?: SessionOrigin;
}

export function serializeSession(session: AssumedSession, origin: SessionOrigin | undefined): string {
  const stored: Stored = { version: 1, session: { ...session, expiration: session.expiration.toISOString() }, ...(origin ? { origin } : {}) };
  return JSON.stringify(stored);
}

/** The stored session, unless it is malformed or already expired. */
export function deserializeSession(text: string | undefined, now = new Date()): { session: AssumedSession; origin?: SessionOrigin } | undefined {
  if (!text) return undefined;
  try {
    const stored = JSON.parse(text) as Stored;
    const s = stored.session;
    if (stored.version !== 1 || !s || typeof s.accessKeyId !== 'string' || typeof s.secretAccessKey !== 'string' || typeof s.sessionToken !== 'string') return undefined;
    const expiration = new Date(s.expiration);
    if (Number.isNaN(expiration.getTime()) || expiration <= now) return undefined;
    return { session: { ...s, expiration }, ...(stored.origin ? { origin: stored.origin } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Opt-in (iamTrust.session.restoreOnReload): keeps the window's session in SecretStorage —
 * nowhere else — so that a reload finds it again. Off, it removes anything stored before.
 * Whether something is stored is remembered apart (a flag, not a secret): with the option
 * off, the secret storage (the OS keychain, which may ask to be unlocked) is touched only to
 * remove what was stored while it was on. With the option on, the storage itself is the truth
 * (the flag may not have reached the disk before a reload).
 */
export class SessionKeeper {
  private readonly subscription: { dispose(): void };
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: SessionState,
    private readonly secrets: SecretStore,
    private readonly enabled: () => boolean,
    private readonly stored: { get(): boolean; set(value: boolean): PromiseLike<void> },
  ) {
    this.subscription = state.onChange(({ kind }) => {
      if (kind === 'set') this.save();
      else if (kind !== 'expiring') this.forget();
    });
  }

  /** Brings back a stored session that is still valid; returns whether it did. */
  async restore(): Promise<boolean> {
    if (!this.enabled()) {
      await this.forget();
      return false;
    }
    const restored = deserializeSession(await this.secrets.get(SESSION_SECRET_KEY));
    if (!restored) {
      await this.forget();
      return false;
    }
    this.state.set(restored.session, restored.origin);
    return true;
  }

  /** The setting changed: store the current session now, or remove the stored one. */
  settingChanged(): Promise<unknown> {
    return this.enabled() ? this.save() : this.forget();
  }

  private save(): Promise<unknown> {
    const session = this.state.current;
    if (!this.enabled() || !session) return this.forget();
    return this.queue(async () => {
      await this.secrets.store(SESSION_SECRET_KEY, serializeSession(session, this.state.origin));
      await this.stored.set(true);
    });
  }

  private forget(): Promise<unknown> {
    return this.queue(async () => {
      if (!this.enabled() && !this.stored.get()) return;
      await this.secrets.delete(SESSION_SECRET_KEY);
      await this.stored.set(false);
    });
  }

  /** Writes happen in order, so a clear right after a set never leaves the set stored. */
  private queue(write: () => PromiseLike<void>): Promise<unknown> {
    this.pending = this.pending.then(write, write);
    return this.pending;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { deserializeSession, serializeSession, SessionKeeper, SESSION_SECRET_KEY } from '../../../src/session/restore';
import { mayAutoRefresh, SessionState, type SessionEvent } from '../../../src/session/sessionState';
import type { AssumedSession } from '../../../src/session/sts';

const T0 = Date.parse('2026-11-29T10:00:00Z');
const session = (minutes: number, id = 'ASIAONE'): AssumedSession => ({
  accessKeyId: id,
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: new Date(T0 + minutes * 60_000),
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::111122223333:role/Deploy',
  assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Deploy/s',
  sessionName: 's',
});

describe('the window\'s session state', () => {
  it('warns before expiry, expires on time, and forgets a replaced session\'s timers', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let now = T0;
    const state = new SessionState({ now: () => new Date(now), warnBeforeMs: () => 5 * 60_000 });
    const events: Array<SessionEvent['kind']> = [];
    state.onChange((e) => events.push(e.kind));
    state.set(session(30));
    const advance = (ms: number) => {
      now += ms;
      t.mock.timers.tick(ms);
    };
    advance(24 * 60_000);
    assert.deepEqual(events, ['set']);
    advance(60_000);
    assert.deepEqual(events, ['set', 'expiring']);
    assert.equal(state.expired, false);
    // Refreshed before expiry: the old session's expiry must not fire.
    state.set(session(60, 'ASIATWO'));
    advance(5 * 60_000);
    assert.deepEqual(events, ['set', 'expiring', 'set']);
    advance(55 * 60_000);
    assert.deepEqual(events, ['set', 'expiring', 'set', 'expiring', 'expired']);
    assert.equal(state.expired, true);
    assert.equal(state.current?.accessKeyId, 'ASIATWO', 'an expired session is kept to show what expired');
    state.clear();
    assert.equal(state.current, undefined);
    assert.deepEqual(events.at(-1), 'cleared');
    state.dispose();
  });

  it('keeps how the session was made, without the MFA code, and drops it on clear', () => {
    const state = new SessionState();
    state.set(session(60), { answers: { roleArn: 'arn:aws:iam::111122223333:role/Deploy', mfaSerial: 'arn:aws:iam::1:mfa/a' }, region: 'eu-west-1', obtainedAt: T0 });
    assert.equal(state.origin?.answers.mfaSerial, 'arn:aws:iam::1:mfa/a');
    state.clear();
    assert.equal(state.origin, undefined);
    state.dispose();
  });
});

describe('auto-refresh', () => {
  const origin = { answers: { roleArn: 'arn:aws:iam::111122223333:role/Deploy' }, region: 'us-east-1', obtainedAt: T0 };
  it('refreshes only when enabled, without MFA, and not a session it has just made', () => {
    assert.equal(mayAutoRefresh(origin, true, T0 + 10 * 60_000), true);
    assert.equal(mayAutoRefresh(origin, false, T0 + 10 * 60_000), false);
    assert.equal(mayAutoRefresh({ ...origin, answers: { ...origin.answers, mfaSerial: 'arn:aws:iam::1:mfa/a' } }, true, T0 + 10 * 60_000), false, 'an MFA code is always asked for');
    assert.equal(mayAutoRefresh(origin, true, T0 + 30_000), false, 'a session shorter than the warning time must not loop');
    assert.equal(mayAutoRefresh(undefined, true), false, 'a session restored without its parameters cannot be repeated');
  });
});

describe('restoreOnReload', () => {
  /** An in-memory secret store that counts every access. */
  const memorySecrets = () => {
    const map = new Map<string, string>();
    const touched = { count: 0 };
    const touch = <T>(v: T) => (touched.count++, v);
    return { map, touched, get: async (k: string) => touch(map.get(k)), store: async (k: string, v: string) => void touch(map.set(k, v)), delete: async (k: string) => void touch(map.delete(k)) };
  };
  const memoryFlag = () => {
    let value = false;
    return { get: () => value, set: async (v: boolean) => void (value = v) };
  };

  it('round-trips a session, and refuses expired or malformed ones', () => {
    const text = serializeSession(session(60), { answers: { roleArn: 'arn:aws:iam::111122223333:role/Deploy' }, region: 'eu-west-1', obtainedAt: T0 });
    const back = deserializeSession(text, new Date(T0));
    assert.equal(back?.session.expiration.getTime(), T0 + 3_600_000);
    assert.equal(back?.origin?.region, 'eu-west-1');
    assert.equal(deserializeSession(text, new Date(T0 + 3_600_000)), undefined);
    assert.equal(deserializeSession('{"version":1,"session":{}}'), undefined);
    assert.equal(deserializeSession('not json'), undefined);
    assert.equal(deserializeSession(undefined), undefined);
  });

  it('stores the session only while enabled, and removes it on clear, expiry and opt-out', async () => {
    const secrets = memorySecrets();
    let enabled = false;
    const state = new SessionState();
    const flag = memoryFlag();
    const keeper = new SessionKeeper(state, secrets, () => enabled, flag);
    const live = { ...session(0), expiration: new Date(Date.now() + 3_600_000) };
    state.set(live);
    await keeper.settingChanged();
    assert.equal(secrets.map.size, 0, 'off by default: nothing stored');
    assert.equal(secrets.touched.count, 0, 'off: the secret storage is never touched');
    enabled = true;
    await keeper.settingChanged();
    assert.match(secrets.map.get(SESSION_SECRET_KEY)!, /ASIAONE/);
    state.clear();
    await keeper.settingChanged();
    assert.equal(secrets.map.size, 0);

    state.set(live);
    await keeper.settingChanged();
    const reloaded = new SessionState();
    const keeper2 = new SessionKeeper(reloaded, secrets, () => enabled, flag);
    assert.equal(await keeper2.restore(), true);
    assert.equal(reloaded.current?.accessKeyId, 'ASIAONE');
    enabled = false;
    assert.equal(await keeper2.restore(), false);
    assert.equal(secrets.map.size, 0, 'turning it off removes what was stored');
    // Off, and nothing stored before: starting, setting and clearing sessions never touch the storage.
    const fresh = memorySecrets();
    const offState = new SessionState();
    const keeper3 = new SessionKeeper(offState, fresh, () => false, memoryFlag());
    assert.equal(await keeper3.restore(), false);
    offState.set(live);
    offState.clear();
    await keeper3.settingChanged();
    assert.equal(fresh.touched.count, 0);
    offState.dispose();
    keeper3.dispose();
    for (const s of [state, reloaded]) s.dispose();
    keeper.dispose();
    keeper2.dispose();
    mock.reset();
  });
});

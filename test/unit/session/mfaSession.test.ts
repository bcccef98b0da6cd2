import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { MFA_SESSION_MARGIN_MS, MfaSessions } from '../../../src/session/mfaSession';
import { mayAutoRefresh, type SessionOrigin } from '../../../src/session/sessionState';
import { getSessionToken } from '../../../src/session/sts';
import { maxDuration, validateDuration, validateMfaSessionSeconds } from '../../../src/session/validation';
import { explainStsError } from '../../../src/session/errors';
import { startLocalAws, trustPolicy, type LocalAws } from '../../local-aws/server';

// iamTrust.session.mfaSession: one MFA code for an sts:GetSessionToken session, AssumeRole with
// its keys capped at one hour (as for role chaining: AWS knowledge center, "role chaining";
// 99designs/aws-vault#263 and #351), and the local endpoint agreeing with STS.

const T0 = Date.parse('2026-12-01T10:00:00Z');
const creds = (minutes: number, id = 'ASIAMFA') => ({ accessKeyId: id, secretAccessKey: 's', sessionToken: 't', expiration: new Date(T0 + minutes * 60_000) });

describe('the MFA session store', () => {
  it('keeps an MFA session per source, device and endpoint, until it is about to end', () => {
    let now = T0;
    const store = new MfaSessions(() => now);
    const key = { profile: 'alice', mfaSerial: 'arn:aws:iam::444455556666:mfa/alice' };
    store.put(key, creds(60));
    assert.equal(store.get(key)?.accessKeyId, 'ASIAMFA');
    assert.equal(store.has({ ...key, profile: 'bob' }), false, 'another source');
    assert.equal(store.has({ profile: undefined, mfaSerial: key.mfaSerial }), false, 'the default chain is another source');
    assert.equal(store.has({ ...key, endpoint: 'http://127.0.0.1:1' }), false, 'keys of another endpoint');
    now = T0 + 60 * 60_000 - MFA_SESSION_MARGIN_MS - 1;
    assert.equal(store.has(key), true);
    now += 1;
    assert.equal(store.has(key), false, 'too close to its end: ask again');
    store.put(key, creds(120));
    store.forget(key);
    assert.equal(store.has(key), false);
  });
});

describe('duration with an MFA session', () => {
  it('caps AssumeRole at one hour and says why', () => {
    assert.equal(validateDuration(3600, { mfaSession: true }), undefined);
    assert.match(validateDuration(3601, { mfaSession: true }) ?? '', /At most 3600 seconds \(1 hour\).*GetSessionToken.*one hour, as for role chaining/);
    assert.equal(validateDuration(7200, {}), undefined, 'without an MFA session the role decides');
    assert.equal(maxDuration({ roleMaxSeconds: 43200, mfaSession: true }), 3600);
  });

  it('accepts 0 or 900 to 129,600 seconds for the setting', () => {
    assert.equal(validateMfaSessionSeconds(0), undefined);
    assert.equal(validateMfaSessionSeconds(900), undefined);
    assert.equal(validateMfaSessionSeconds(129600), undefined);
    assert.match(validateMfaSessionSeconds(300) ?? '', /0 \(off\) or 900 to 129,600/);
    assert.match(validateMfaSessionSeconds(129601) ?? '', /36 hours/);
  });

  it('lets auto-refresh renew an MFA role only while an MFA session covers it', () => {
    const origin: SessionOrigin = { answers: { roleArn: 'arn:aws:iam::111122223333:role/Admin', mfaSerial: 'arn:aws:iam::444455556666:mfa/alice' }, region: 'us-east-1', obtainedAt: T0 };
    assert.equal(mayAutoRefresh(origin, true, T0 + 3_000_000), false);
    assert.equal(mayAutoRefresh(origin, true, T0 + 3_000_000, true), true);
    assert.equal(mayAutoRefresh(origin, false, T0 + 3_000_000, true), false);
  });
});

describe('GetSessionToken at the local endpoint', () => {
  const alice = { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret-key-example' };
  const serial = 'arn:aws:iam::444455556666:mfa/alice';
  let local: LocalAws;
  const client = (credentials: STSClientConfig['credentials'] = alice) => new STSClient({ region: 'us-east-1', endpoint: local.endpoint, credentials, maxAttempts: 1 });
  const errorOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the call to fail');
  };
  const admin = 'arn:aws:iam::111122223333:role/Admin';

  before(async () => {
    local = await startLocalAws({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', ...alice, mfaSerial: serial }],
      roles: [{ name: 'Admin', account: '111122223333', maxSessionDuration: 43200, trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) }],
    });
  });
  after(() => local.close());

  it('gives keys that carry MFA: AssumeRole of an MFA role needs no code, and at most an hour', async () => {
    const mfa = await getSessionToken({ mfaSerial: serial, mfaCode: '123456', durationSeconds: 129600 }, { region: 'us-east-1', endpoint: local.endpoint, source: alice });
    assert.match(mfa.accessKeyId, /^ASIA/);
    assert.ok(mfa.expiration.getTime() - Date.now() > 129000 * 1000);
    assert.ok(local.issuedSecrets.includes(mfa.sessionToken), 'the leak scan knows its keys');
    const withMfa = client(mfa);
    assert.equal((await withMfa.send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::444455556666:user/alice');
    const { AssumedRoleUser } = await withMfa.send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'once', DurationSeconds: 3600 }));
    assert.equal(AssumedRoleUser?.Arn, 'arn:aws:sts::111122223333:assumed-role/Admin/once');
    const capped = await errorOf(withMfa.send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'once', DurationSeconds: 3601 })));
    assert.equal(capped.name, 'ValidationError');
    assert.equal(capped.message, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    // Without the MFA session, the MFA role refuses alice's own keys without a code.
    assert.equal((await errorOf(client().send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'plain' })))).name, 'AccessDenied');
  });

  it('refuses a wrong code, and issues nothing', async () => {
    const issued = local.issuedSecrets.length;
    const error = await errorOf(getSessionToken({ mfaSerial: serial, mfaCode: '654321', durationSeconds: 3600 }, { region: 'us-east-1', endpoint: local.endpoint, source: alice }));
    assert.equal(error.name, 'AccessDenied');
    assert.equal(local.issuedSecrets.length, issued);
    assert.equal(explainStsError(error, { roleArn: admin }).title, 'The MFA code was refused');
  });

  it('refuses session credentials and durations beyond 36 hours, as STS does', async () => {
    const { Credentials: c } = await client().send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const fromSession = await errorOf(client({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }).send(new GetSessionTokenCommand({})));
    assert.match(fromSession.message, /Cannot call GetSessionToken with session credentials/);
    const tooLong = await errorOf(client().send(new GetSessionTokenCommand({ DurationSeconds: 129601 })));
    assert.equal(tooLong.name, 'ValidationError');
  });

  it('a session without a code does not carry MFA', async () => {
    const { Credentials: c } = await client().send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const error = await errorOf(client({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }).send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'nomfa' })));
    assert.equal(error.name, 'AccessDenied');
  });
});

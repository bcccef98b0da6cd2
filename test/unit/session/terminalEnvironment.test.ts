import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionCredentials } from '../../../src/session/credentials';
import { terminalEnvironment, type StartEnvironment } from '../../../src/session/terminalEnvironment';

const session: SessionCredentials = {
  accessKeyId: 'ASIASESSION0000WXYZ',
  secretAccessKey: 'session-secret',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE+/=',
  expiration: new Date('2026-11-28T12:00:00Z'),
  region: 'eu-west-1',
};
const KEYS = {
  AWS_ACCESS_KEY_ID: 'ASIASESSION0000WXYZ',
  AWS_SECRET_ACCESS_KEY: 'session-secret',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLE+/=',
  AWS_SESSION_EXPIRATION: '2026-11-28T12:00:00.000Z',
  AWS_CREDENTIAL_EXPIRATION: '2026-11-28T12:00:00.000Z',
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
};

// The variables a terminal gets, per starting environment (what VS Code was started with).
// The shared files do not matter here: with the keys set, every client ignores a [default]
// profile (environment c is environment a); test/unit/terminal/clients.test.ts runs the clients.
const cases: Array<{ name: string; start: StartEnvironment; set: Record<string, string>; remove: string[]; caveats: Array<[string, string[]]> }> = [
  { name: '(a) nothing AWS-related, (c) a [default] profile in the files', start: { HOME: '/home/me' }, set: KEYS, remove: [], caveats: [] },
  {
    name: '(b) AWS_PROFILE=alice inherited',
    start: { AWS_PROFILE: 'alice' },
    set: KEYS,
    remove: ['AWS_PROFILE'],
    caveats: [['AWS_PROFILE', ['JS SDK v3']]],
  },
  {
    name: 'AWS_PROFILE and AWS_DEFAULT_PROFILE inherited empty',
    start: { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: '' },
    set: KEYS,
    remove: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
    caveats: [
      ['AWS_PROFILE', ['AWS CLI', 'boto3']],
      ['AWS_DEFAULT_PROFILE', ['AWS CLI', 'boto3']],
    ],
  },
  {
    name: 'AWS_DEFAULT_PROFILE empty beside a named AWS_PROFILE (the CLI v2 reads AWS_PROFILE first)',
    start: { AWS_PROFILE: 'alice', AWS_DEFAULT_PROFILE: '' },
    set: KEYS,
    remove: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
    caveats: [
      ['AWS_PROFILE', ['JS SDK v3']],
      ['AWS_DEFAULT_PROFILE', ['boto3']],
    ],
  },
  {
    name: 'an older session token under its old name (botocore reads it first)',
    start: { AWS_SECURITY_TOKEN: 'stale-token' },
    set: { ...KEYS, AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzEXAMPLE+/=' },
    remove: [],
    caveats: [],
  },
  {
    name: 'web identity, container credentials: later in every chain than the keys, left alone',
    start: { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/x', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials', AWS_SECURITY_TOKEN: '' },
    set: KEYS,
    remove: [],
    caveats: [],
  },
];

describe('terminalEnvironment: the variables of a session terminal, per starting environment', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = terminalEnvironment(session, c.start);
      assert.deepEqual(plan.set, c.set);
      assert.deepEqual(plan.remove, c.remove);
      assert.deepEqual(
        plan.caveats.map((caveat) => [caveat.variable, caveat.clients]),
        c.caveats,
      );
    });
  }

  it('never sets an empty value (botocore reads AWS_PROFILE= as a profile named "")', () => {
    for (const c of cases) {
      const plan = terminalEnvironment(session, c.start);
      assert.deepEqual(Object.entries(plan.set).filter(([, value]) => value === ''), [], c.name);
      assert.ok(!('AWS_PROFILE' in plan.set) && !('AWS_DEFAULT_PROFILE' in plan.set), c.name);
    }
  });

  it('names the profile in its caveat, printable and short, and no secret', () => {
    const [caveat] = terminalEnvironment(session, { AWS_PROFILE: `a\u001b]0;x\u0007${'p'.repeat(100)}` }).caveats;
    assert.match(caveat!.message, /^AWS_PROFILE="a\?\]0;x\?p+…" is set/);
    assert.ok(!caveat!.message.includes(session.secretAccessKey) && !caveat!.message.includes(session.sessionToken));
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { expiryState, formatTimeLeft, nextTickMs, redactKey, sessionEnvironment, type SessionCredentials } from '../../../src/session/credentials';
import { formatCredentials } from '../../../src/session/shellFormats';

const expiration = new Date('2026-11-28T12:00:00Z');
const at = (iso: string) => new Date(iso);
// Real tokens are base64; these also hold every character a shell could trip on.
const tricky: SessionCredentials = {
  accessKeyId: 'ASIAEXAMPLE0000WXYZ',
  secretAccessKey: `se'cr"et$HOME\`id\`\\n`,
  sessionToken: 'FwoGZXIvYXdzE+/=; rm -rf / #',
  expiration,
  region: 'eu-west-1',
};

describe('session credentials', () => {
  it('gives terminals the keys, both expiration names and the region', () => {
    const env = sessionEnvironment(tricky);
    assert.equal(env.AWS_SESSION_EXPIRATION, '2026-11-28T12:00:00.000Z');
    assert.equal(env.AWS_CREDENTIAL_EXPIRATION, env.AWS_SESSION_EXPIRATION);
    assert.equal(env.AWS_DEFAULT_REGION, 'eu-west-1');
    assert.ok(!('AWS_REGION' in sessionEnvironment({ ...tricky, region: undefined })));
  });

  it('formats the time left, seconds only in the last two minutes', () => {
    assert.equal(formatTimeLeft(expiration, at('2026-11-28T09:54:30Z')), '2h 05m');
    assert.equal(formatTimeLeft(expiration, at('2026-11-28T11:18:00Z')), '42m');
    assert.equal(formatTimeLeft(expiration, at('2026-11-28T11:58:01Z')), '119s');
    assert.equal(formatTimeLeft(expiration, at('2026-11-28T12:00:00Z')), 'expired');
  });

  it('changes state at the warning threshold and at expiry', () => {
    assert.equal(expiryState(expiration, at('2026-11-28T11:54:00Z'), 5), 'ok');
    assert.equal(expiryState(expiration, at('2026-11-28T11:55:00Z'), 5), 'warning');
    assert.equal(expiryState(expiration, at('2026-11-28T12:00:00Z'), 5), 'expired');
  });

  it('wakes at most once a second, and only until expiry', () => {
    assert.equal(nextTickMs(expiration, at('2026-11-28T11:00:30Z')), 30_000);
    const near = nextTickMs(expiration, at('2026-11-28T11:59:00.250Z'));
    assert.ok(near >= 1 && near <= 1000, String(near));
    assert.equal(nextTickMs(expiration, at('2026-11-28T12:00:01Z')), Number.POSITIVE_INFINITY);
  });

  it('shows at most the last four characters of a key', () => {
    assert.equal(redactKey('ASIAEXAMPLE0000WXYZ'), '…WXYZ');
    assert.equal(redactKey('abc'), '****');
  });
});

describe('Copy Credentials As…', () => {
  it('bash: a shell that evaluates the exports gets the exact values', () => {
    const script = `${formatCredentials(tricky, 'bash')}printf '%s\\n%s\\n%s' "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`;
    const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${tricky.secretAccessKey}\n${tricky.sessionToken}\n2026-11-28T12:00:00.000Z`);
  });

  it('fish, PowerShell, cmd and .env quote as their syntax needs', () => {
    assert.match(formatCredentials(tricky, 'fish'), /^set -gx AWS_SECRET_ACCESS_KEY 'se\\'cr"et\$HOME`id`\\\\n'$/m);
    assert.match(formatCredentials(tricky, 'powershell'), /^\$Env:AWS_SECRET_ACCESS_KEY = 'se''cr"et\$HOME`id`\\n'$/m);
    assert.match(formatCredentials(tricky, 'cmd'), /^set "AWS_SESSION_TOKEN=FwoGZXIvYXdzE\+\/=; rm -rf \/ #"$/m);
    assert.match(formatCredentials(tricky, 'dotenv'), /^AWS_SECRET_ACCESS_KEY="se'cr\\"et\$HOME`id`\\\\n"$/m);
  });

  it('credential_process JSON is Version 1 with an ISO expiration', () => {
    const json = JSON.parse(formatCredentials(tricky, 'credential_process'));
    assert.deepEqual(json, {
      Version: 1,
      AccessKeyId: tricky.accessKeyId,
      SecretAccessKey: tricky.secretAccessKey,
      SessionToken: tricky.sessionToken,
      Expiration: '2026-11-28T12:00:00.000Z',
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  maxDuration,
  parseSessionTags,
  sessionNameFrom,
  validateDuration,
  validateExternalId,
  validateMfaCode,
  validateMfaSerial,
  validateRoleArn,
  validateSessionName,
  validateSourceIdentity,
} from '../../../src/session/validation';

describe('session input validation', () => {
  it('refuses the seed\'s --duration-seconds 84600 with the reason', () => {
    assert.match(validateDuration('84600')!, /At most 43200 seconds \(12 hours\).*84600 is 23\.5 hours/);
  });

  it('checks durations against STS, the role and role chaining', () => {
    assert.equal(validateDuration('3600'), undefined);
    assert.equal(validateDuration(43200), undefined);
    assert.match(validateDuration('899')!, /At least 900/);
    assert.match(validateDuration('1h')!, /whole seconds/);
    assert.match(validateDuration('7200', { roleMaxSeconds: 3600 })!, /role's MaxSessionDuration/);
    assert.match(validateDuration('7200', { chaining: true })!, /role chaining at one hour/);
    assert.equal(validateDuration('3600', { chaining: true, roleMaxSeconds: 43200 }), undefined);
    assert.equal(maxDuration({}), 43200);
    assert.equal(maxDuration({ roleMaxSeconds: 7200 }), 7200);
    assert.equal(maxDuration({ roleMaxSeconds: 7200, chaining: true }), 3600);
  });

  it('checks role ARNs', () => {
    assert.equal(validateRoleArn('arn:aws:iam::111122223333:role/path/Deploy'), undefined);
    assert.equal(validateRoleArn('arn:aws-us-gov:iam::111122223333:role/x-y'), undefined);
    assert.match(validateRoleArn('arn:aws:iam::1111:role/Deploy')!, /exactly 12 digits/);
    assert.match(validateRoleArn('arn:aws:iam::111122223333:user/alice')!, /Not a role ARN/);
    assert.match(validateRoleArn('')!, /Enter a role ARN/);
  });

  it('checks and derives session names', () => {
    assert.equal(validateSessionName('alice@example.com'), undefined);
    assert.match(validateSessionName('a')!, /2 to 64/);
    assert.match(validateSessionName('alice smith')!, /only letters/);
    const name = sessionNameFrom('DOMAIN\\Alice Smith', new Date('2026-11-28T10:11:12Z'));
    assert.equal(name, 'DOMAIN-Alice-Smith-20261128-101112');
    assert.equal(validateSessionName(name), undefined);
    assert.equal(validateSessionName(sessionNameFrom('x'.repeat(100))), undefined);
    assert.equal(validateSessionName(sessionNameFrom('ä ö')), undefined);
  });

  it('checks external IDs, MFA serials and codes, source identities', () => {
    assert.equal(validateExternalId('Unique-ID:1234/ab'), undefined);
    assert.match(validateExternalId('x')!, /2 to 1,224/);
    assert.match(validateExternalId('has space')!, /only letters/);
    assert.equal(validateMfaSerial('arn:aws:iam::111122223333:mfa/alice'), undefined);
    assert.match(validateMfaSerial('short')!, /9 to 256/);
    assert.equal(validateMfaCode('123456'), undefined);
    assert.match(validateMfaCode('12345')!, /6-digit/);
    assert.match(validateMfaCode('12345a')!, /6-digit/);
    assert.equal(validateSourceIdentity('alice@example.com'), undefined);
    assert.match(validateSourceIdentity('aws:alice')!, /cannot start with "aws:"/);
  });

  it('parses session tags', () => {
    assert.deepEqual(parseSessionTags('team=platform, cost-center=42').tags, [
      { Key: 'team', Value: 'platform' },
      { Key: 'cost-center', Value: '42' },
    ]);
    assert.match(parseSessionTags('team=a, Team=b').problem!, /given twice/);
    assert.match(parseSessionTags(Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(',')).problem!, /At most 50/);
    assert.match(parseSessionTags(`${'k'.repeat(129)}=v`).problem!, /1 to 128/);
  });
});

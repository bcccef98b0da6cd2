import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersFromProfile, answersProblem, readRecentRoles, rememberRole, regionFor, requestFrom, RECENT_ROLES_LIMIT, type AssumeRoleAnswers } from '../../../src/session/answers';

const deploy: AssumeRoleAnswers = { roleArn: 'arn:aws:iam::111122223333:role/Deploy', profile: 'alice', sessionName: 'alice-1', durationSeconds: 1800, externalId: 'vendor-42', mfaSerial: 'arn:aws:iam::444455556666:mfa/alice', mfaCode: '123456' };

describe('remembered answers', () => {
  it('keeps everything but the MFA code, newest first, one entry per role and source', () => {
    let recent = rememberRole([], deploy, 1);
    assert.equal(recent.length, 1);
    assert.equal('mfaCode' in recent[0]!, false, 'the MFA code is never remembered');
    assert.equal(recent[0]!.externalId, 'vendor-42');
    recent = rememberRole(recent, { ...deploy, roleArn: 'arn:aws:iam::111122223333:role/ReadOnly' }, 2);
    recent = rememberRole(recent, { ...deploy, sessionName: 'alice-2' }, 3);
    assert.deepEqual(recent.map((r) => [r.roleArn.split('/')[1], r.sessionName, r.usedAt]), [['Deploy', 'alice-2', 3], ['ReadOnly', 'alice-1', 2]]);
    recent = rememberRole(recent, { ...deploy, profile: 'bob' }, 4);
    assert.equal(recent.length, 3, 'the same role from another source is another entry');
  });

  it('keeps at most the last ten', () => {
    let recent = rememberRole([], deploy);
    for (let i = 0; i < 15; i++) recent = rememberRole(recent, { ...deploy, roleArn: `arn:aws:iam::111122223333:role/R${i}` }, i);
    assert.equal(recent.length, RECENT_ROLES_LIMIT);
    assert.equal(recent[0]!.roleArn.endsWith('/R14'), true);
  });

  it('drops what storage holds that is not a remembered role, and any MFA code', () => {
    assert.deepEqual(readRecentRoles(undefined), []);
    assert.deepEqual(readRecentRoles({ roleArn: 'x' }), []);
    const read = readRecentRoles([{ roleArn: 'not an arn' }, null, 7, { ...deploy, usedAt: 1 }]);
    assert.equal(read.length, 1);
    assert.equal('mfaCode' in read[0]!, false);
  });
});

describe('answers to an AssumeRole request', () => {
  it('takes a profile\'s settings', () => {
    const answers = answersFromProfile({ name: 'deploy', roleArn: deploy.roleArn, sourceProfile: 'alice', externalId: 'x1', mfaSerial: 'arn:aws:iam::1:mfa/a', durationSeconds: 7200, roleSessionName: 'ci', region: 'eu-west-1', problems: [] });
    assert.deepEqual(answers, { roleArn: deploy.roleArn, profile: 'alice', externalId: 'x1', mfaSerial: 'arn:aws:iam::1:mfa/a', durationSeconds: 7200, sessionName: 'ci', region: 'eu-west-1' });
  });

  it('finds the first problem before any call: the seed\'s 84600 seconds among them', () => {
    assert.equal(answersProblem(deploy), undefined);
    assert.match(answersProblem({ ...deploy, durationSeconds: 84600 })!, /At most 43200 seconds.*23\.5 hours/);
    assert.match(answersProblem({ ...deploy, durationSeconds: 7200 }, { chaining: true })!, /role chaining/);
    assert.match(answersProblem({ ...deploy, durationSeconds: 7200 }, { roleMaxSeconds: 3600 })!, /MaxSessionDuration/);
    assert.match(answersProblem({ ...deploy, mfaCode: '12345' })!, /6-digit/);
    assert.match(answersProblem({ ...deploy, sessionName: 'a' })!, /2 to 64/);
    assert.match(answersProblem({ ...deploy, externalId: 'has space' })!, /external ID/);
    assert.match(answersProblem({ ...deploy, sourceIdentity: 'aws:me' })!, /cannot start with "aws:"/);
    assert.match(answersProblem({ ...deploy, roleArn: 'arn:aws:iam::12345:role/x' })!, /12 digits/);
  });

  it('builds the request STS gets', () => {
    assert.deepEqual(requestFrom({ ...deploy, roleArn: ` ${deploy.roleArn} `, mfaCode: ' 654321 ', tags: [{ Key: 'team', Value: 'a' }], sourceIdentity: 'alice' }), {
      roleArn: deploy.roleArn,
      sessionName: 'alice-1',
      durationSeconds: 1800,
      externalId: 'vendor-42',
      mfaSerial: deploy.mfaSerial,
      mfaCode: '654321',
      sourceIdentity: 'alice',
      tags: [{ Key: 'team', Value: 'a' }],
    });
    assert.deepEqual(requestFrom({ roleArn: deploy.roleArn, sessionName: 's1' }), { roleArn: deploy.roleArn, sessionName: 's1', durationSeconds: 3600 });
  });

  it('picks the region: setting, profile, environment, us-east-1', () => {
    assert.equal(regionFor(' eu-central-1 ', { region: 'eu-west-1' }, { AWS_REGION: 'ap-south-1' }), 'eu-central-1');
    assert.equal(regionFor('', { region: 'eu-west-1' }, { AWS_REGION: 'ap-south-1' }), 'eu-west-1');
    assert.equal(regionFor('', {}, { AWS_REGION: 'ap-south-1' }), 'ap-south-1');
    assert.equal(regionFor('', {}, { AWS_DEFAULT_REGION: 'sa-east-1' }), 'sa-east-1');
    assert.equal(regionFor(undefined, {}, {}), 'us-east-1');
  });
});

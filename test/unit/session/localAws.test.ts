import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { startLocalAws, trustPolicy, type LocalAws } from '../../local-aws/server';

// The real SDK client, signing included, against the local endpoint the tests and demo use.
const alice = { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret-key-example' };
let local: LocalAws;
const client = (credentials: STSClientConfig['credentials'] = alice) =>
  new STSClient({ region: 'us-east-1', endpoint: local.endpoint, credentials, maxAttempts: 1 });
const roleArn = (name: string) => `arn:aws:iam::111122223333:role/${name}`;
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to fail');
};

before(async () => {
  local = await startLocalAws({
    users: [{ arn: 'arn:aws:iam::444455556666:user/alice', ...alice, mfaSerial: 'arn:aws:iam::444455556666:mfa/alice' }],
    roles: [
      { name: 'Deploy', account: '111122223333', maxSessionDuration: 7200, trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'vendor-42' }) },
      { name: 'Admin', account: '111122223333', maxSessionDuration: 43200, trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
      { name: 'Chained', account: '111122223333', maxSessionDuration: 43200, trustPolicy: trustPolicy({ aws: [roleArn('Deploy')] }) },
      { name: 'Other', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['999999999999'] }) },
      // Trusts the sessions of a role with a path, by aws:PrincipalArn (a session ARN has no path).
      {
        name: 'ByPrincipalArn',
        account: '111122223333',
        maxSessionDuration: 3600,
        trustPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci/Pathed' } } }],
        }),
      },
      { name: 'Pathed', path: '/ci/', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) },
      {
        name: 'Tagged',
        account: '111122223333',
        maxSessionDuration: 3600,
        // Tags only with sts:TagSession, and only team=blue; session names must start with alice-.
        trustPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/alice' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'sts:RoleSessionName': 'alice-*' } } },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/alice' }, Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } },
            { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:RoleSessionName': 'alice-banned' } } },
          ],
        }),
      },
    ],
  });
});
after(() => local.close());

describe('local STS endpoint with the real SDK', () => {
  it('answers GetCallerIdentity for a signed request', async () => {
    const identity = await client().send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, 'arn:aws:iam::444455556666:user/alice');
    assert.equal(identity.Account, '444455556666');
  });

  it('refuses a wrong secret key: the signature is checked', async () => {
    const error = await errorOf(client({ ...alice, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({})));
    assert.equal(error.name, 'SignatureDoesNotMatch');
    assert.equal((await errorOf(client({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
  });

  it('assumes a role with the right ExternalId, and the session can call STS', async () => {
    const { Credentials, AssumedRoleUser } = await client().send(
      new AssumeRoleCommand({ RoleArn: roleArn('Deploy'), RoleSessionName: 'alice', ExternalId: 'vendor-42', DurationSeconds: 3600 }),
    );
    assert.equal(AssumedRoleUser?.Arn, 'arn:aws:sts::111122223333:assumed-role/Deploy/alice');
    assert.ok(Credentials?.Expiration instanceof Date);
    const session = client({ accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! });
    assert.equal((await session.send(new GetCallerIdentityCommand({}))).Arn, AssumedRoleUser?.Arn);
  });

  it('refuses as STS does: ExternalId, MFA, untrusted caller, durations, chaining', async () => {
    const deny = await errorOf(client().send(new AssumeRoleCommand({ RoleArn: roleArn('Deploy'), RoleSessionName: 'alice', ExternalId: 'wrong' })));
    assert.equal(deny.name, 'AccessDenied');
    assert.match(deny.message, /User: arn:aws:iam::444455556666:user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/Deploy/);
    assert.equal((await errorOf(client().send(new AssumeRoleCommand({ RoleArn: roleArn('Admin'), RoleSessionName: 'alice' })))).name, 'AccessDenied');
    await client().send(new AssumeRoleCommand({ RoleArn: roleArn('Admin'), RoleSessionName: 'alice', SerialNumber: 'arn:aws:iam::444455556666:mfa/alice', TokenCode: '123456' }));
    assert.equal((await errorOf(client().send(new AssumeRoleCommand({ RoleArn: roleArn('Other'), RoleSessionName: 'alice' })))).name, 'AccessDenied');
    const tooLong = await errorOf(client().send(new AssumeRoleCommand({ RoleArn: roleArn('Deploy'), RoleSessionName: 'alice', ExternalId: 'vendor-42', DurationSeconds: 10800 })));
    assert.match(tooLong.message, /exceeds the MaxSessionDuration set for this role/);

    const { Credentials } = await client().send(new AssumeRoleCommand({ RoleArn: roleArn('Deploy'), RoleSessionName: 'alice', ExternalId: 'vendor-42' }));
    const session = client({ accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! });
    const chained = await errorOf(session.send(new AssumeRoleCommand({ RoleArn: roleArn('Chained'), RoleSessionName: 'hop', DurationSeconds: 7200 })));
    assert.match(chained.message, /1 hour session limit for roles assumed by role chaining/);
    const hop = await session.send(new AssumeRoleCommand({ RoleArn: roleArn('Chained'), RoleSessionName: 'hop', DurationSeconds: 3600 }));
    assert.equal(hop.AssumedRoleUser?.Arn, 'arn:aws:sts::111122223333:assumed-role/Chained/hop');
  });

  it('gives a role session\'s aws:PrincipalArn as its role\'s ARN, path included', async () => {
    const { Credentials } = await client().send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/ci/Pathed', RoleSessionName: 'alice' }));
    const session = client({ accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! });
    const hop = await session.send(new AssumeRoleCommand({ RoleArn: roleArn('ByPrincipalArn'), RoleSessionName: 'hop' }));
    assert.equal(hop.AssumedRoleUser?.Arn, 'arn:aws:sts::111122223333:assumed-role/ByPrincipalArn/hop');
  });

  it('decides by evaluating the role\'s trust policy: MFA device and code, session name, tags, an explicit Deny', async () => {
    const assume = (input: Omit<ConstructorParameters<typeof AssumeRoleCommand>[0], 'RoleArn'> & { role: string }) =>
      client().send(new AssumeRoleCommand({ RoleArn: roleArn(input.role), ...input }));
    const wrongCode = await errorOf(assume({ role: 'Admin', RoleSessionName: 'alice', SerialNumber: 'arn:aws:iam::444455556666:mfa/alice', TokenCode: '000000' }));
    assert.match(wrongCode.message, /MultiFactorAuthentication failed with invalid MFA one time pass code/);
    const notHerDevice = await errorOf(assume({ role: 'Admin', RoleSessionName: 'alice', SerialNumber: 'arn:aws:iam::444455556666:mfa/bob', TokenCode: '123456' }));
    assert.equal(notHerDevice.name, 'AccessDenied');

    assert.ok((await assume({ role: 'Tagged', RoleSessionName: 'alice-1' })).Credentials);
    assert.equal((await errorOf(assume({ role: 'Tagged', RoleSessionName: 'bob-1' }))).name, 'AccessDenied', 'the session name condition');
    assert.ok((await assume({ role: 'Tagged', RoleSessionName: 'alice-2', Tags: [{ Key: 'team', Value: 'blue' }] })).Credentials);
    assert.equal((await errorOf(assume({ role: 'Tagged', RoleSessionName: 'alice-3', Tags: [{ Key: 'team', Value: 'red' }] }))).name, 'AccessDenied', 'sts:TagSession is denied for team=red');
    assert.equal((await errorOf(assume({ role: 'Tagged', RoleSessionName: 'alice-banned' }))).name, 'AccessDenied', 'an explicit Deny wins');
    assert.equal((await errorOf(assume({ role: 'Tagged', RoleSessionName: 'alice-4', SourceIdentity: 'alice' }))).name, 'AccessDenied', 'no sts:SetSourceIdentity');
  });
});

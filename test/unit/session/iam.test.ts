import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodePolicyDocument, getRole, listRoles, roleNameOf, updateTrustPolicy } from '../../../src/session/iam';
import { startLocalAws, trustPolicy, type LocalAws, type LocalRole } from '../../local-aws/server';

// The real @aws-sdk/client-iam against the local endpoint: signing, the query protocol, the
// URL-encoded policy documents, pagination and IAM's errors.
const alice = { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret-key-example' };
const bob = { accessKeyId: 'AKIABOB00000EXAMPLE0', secretAccessKey: 'bob-secret-key-example' };
const policy = (account: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'a&b=c %' } } }] });
let local: LocalAws;

before(async () => {
  const roles: LocalRole[] = Array.from({ length: 1205 }, (_, i) => ({ name: `Role${String(i).padStart(4, '0')}`, account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: [] }) }));
  roles.unshift({ name: 'Deploy', account: '111122223333', path: '/ci/', description: 'Deploys <things>', maxSessionDuration: 7200, trustPolicy: policy('444455556666') });
  local = await startLocalAws({
    users: [
      { arn: 'arn:aws:iam::111122223333:user/alice', ...alice },
      { arn: 'arn:aws:iam::111122223333:user/bob', ...bob, denied: ['iam:GetRole', 'iam:ListRoles', 'iam:UpdateAssumeRolePolicy'] },
    ],
    roles,
    rejectPolicy: (document) => (/"Principal"/.test(document) ? undefined : 'Has prohibited field Resource'),
  });
});
after(() => local.close());

const target = (source = alice) => ({ region: 'eu-west-1', endpoint: local.endpoint, source });

describe('IAM roles through the real SDK', () => {
  it('GetRole gives MaxSessionDuration and the decoded trust policy', async () => {
    const role = await getRole('Deploy', target());
    assert.equal(role.arn, 'arn:aws:iam::111122223333:role/ci/Deploy');
    assert.equal(role.maxSessionDuration, 7200);
    assert.equal(role.path, '/ci/');
    assert.equal(role.description, 'Deploys <things>');
    assert.deepEqual(JSON.parse(role.trustPolicy), JSON.parse(policy('444455556666')));
  });

  it('ListRoles follows every page', async () => {
    const pages: number[] = [];
    const roles = await listRoles(target(), (page) => pages.push(page.length));
    assert.equal(roles.length, 1206);
    assert.deepEqual(pages, [1000, 206]);
    assert.equal(roles[0]!.name, 'Deploy');
    assert.equal(new Set(roles.map((r) => r.arn)).size, 1206);
  });

  it('UpdateAssumeRolePolicy replaces the trust policy', async () => {
    await updateTrustPolicy('Deploy', policy('999988887777'), target());
    assert.match((await getRole('Deploy', target())).trustPolicy, /999988887777/);
  });

  it('returns IAM\'s errors: NoSuchEntity, AccessDenied, MalformedPolicyDocument, LimitExceeded', async () => {
    const name = async (p: Promise<unknown>) => ((await p.then(() => undefined, (e: unknown) => e)) as { name?: string } | undefined)?.name;
    assert.equal(await name(getRole('Nope', target())), 'NoSuchEntityException');
    assert.equal(await name(getRole('Deploy', target(bob))), 'AccessDenied');
    assert.equal(await name(listRoles(target(bob))), 'AccessDenied');
    assert.equal(await name(updateTrustPolicy('Deploy', '{"Statement":[{"Resource":"*"}]}', target())), 'MalformedPolicyDocumentException');
    assert.equal(await name(updateTrustPolicy('Deploy', JSON.stringify({ Principal: 'x'.repeat(2100) }), target())), 'LimitExceededException');
  });

  it('decodes policy documents and names roles', () => {
    assert.equal(decodePolicyDocument('%7B%22a%22%3A1%7D'), '{"a":1}');
    assert.equal(decodePolicyDocument('{"a":"100%"}'), '{"a":"100%"}');
    assert.equal(roleNameOf('arn:aws:iam::111122223333:role/ci/Deploy'), 'Deploy');
  });
});

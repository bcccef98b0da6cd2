import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeAt } from '../../src/policy/authoring/complete';

function at(marked: string, options = {}) {
  const offset = marked.indexOf('|');
  return completeAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, options);
}
const labels = (marked: string, options = {}) =>
  at(marked, options).candidates.sort((a, b) => a.rank - b.rank).map((c) => c.label);

describe('completeAt', () => {
  it('offers Allow and Deny for Effect, replacing the string\'s content', () => {
    const completion = at('{ "Statement": [ { "Effect": "Al|" } ] }');
    assert.deepEqual(completion.candidates.map((c) => c.label), ['Allow', 'Deny']);
    assert.equal(completion.inString, true);
    assert.deepEqual(completion.replace, { offset: 30, length: 2 });
  });

  it('offers the Version values', () => {
    assert.deepEqual(labels('{ "Version": "|" }'), ['2012-10-17', '2008-10-17']);
  });

  it('offers principal types, and service principals with the common ones first', () => {
    assert.deepEqual(labels('{ "Statement": [ { "Principal": { "|" } } ] }'), ['AWS', 'Service', 'Federated', 'CanonicalUser']);
    const services = labels('{ "Statement": [ { "Principal": { "Service": "|" } } ] }');
    assert.equal(services[0], 'lambda.amazonaws.com');
    assert.ok(services.includes('rolesanywhere.amazonaws.com'));
    assert.ok(services.length > 100, 'service principals from the IAM data too');
  });

  it('uses the configured account in AWS and Federated principal suggestions', () => {
    const aws = labels('{ "Statement": [ { "Principal": { "AWS": "|" } } ] }', { accountId: '444455556666' });
    assert.equal(aws[0], 'arn:aws:iam::444455556666:root');
    const federated = labels('{ "Statement": [ { "Principal": { "Federated": "|" } } ] }', { accountId: '444455556666' });
    assert.equal(federated[0], 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com');
  });

  it('puts the action fitting the principal first', () => {
    const oidc = labels('{ "Statement": [ { "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "|" } ] }');
    assert.equal(oidc[0], 'sts:AssumeRoleWithWebIdentity');
    const saml = labels('{ "Statement": [ { "Principal": { "Federated": "arn:aws:iam::111122223333:saml-provider/Okta" }, "Action": ["|"] } ] }');
    assert.equal(saml[0], 'sts:AssumeRoleWithSAML');
    const service = at('{ "Statement": [ { "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "|" } ] }').candidates;
    assert.equal(service.sort((a, b) => a.rank - b.rank)[0]!.label, 'sts:AssumeRole');
    assert.match(service.find((c) => c.label === 'sts:AssumeRoleWithSAML')!.detail, /not this statement's principal/);
  });

  it('offers operators with IfExists and set-operator forms, with their meaning', () => {
    const ops = at('{ "Statement": [ { "Condition": { "|" } } ] }').candidates;
    const names = ops.map((c) => c.label);
    for (const name of ['StringEquals', 'StringLikeIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'Null']) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(!names.includes('NullIfExists'));
    assert.match(ops.find((c) => c.label === 'ForAllValues:StringEquals')!.documentation!, /no\*\* values/);
  });

  it('offers the OIDC keys derived from the statement\'s Federated principal, subject first', () => {
    const keys = labels(
      '{ "Statement": [ { "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "|" } } } ] }',
    );
    assert.equal(keys[0], 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub');
    assert.ok(keys.includes('oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud'));
    assert.ok(keys.includes('aws:SourceIp'));
    assert.ok(!keys.some((k) => k.startsWith('saml:')), 'no SAML keys for an OIDC statement');
  });

  it('offers sts keys of the statement\'s actions', () => {
    const keys = labels('{ "Statement": [ { "Principal": { "AWS": "111122223333" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "|" } } } ] }');
    assert.ok(keys.includes('sts:ExternalId'));
    assert.ok(keys.includes('aws:PrincipalOrgID'));
    assert.ok(!keys.some((k) => k.startsWith('s3:')));
  });

  it('offers true and false for Bool values', () => {
    assert.deepEqual(labels('{ "Statement": [ { "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "|" } } } ] }'), ['true', 'false']);
  });

  it('has nothing to add elsewhere', () => {
    assert.deepEqual(at('{ "Id": "|" }').candidates, []);
  });
});

import { explainArnParts, explainPrincipal } from '../../src/policy/evaluate/explain';

describe('explain', () => {
  it('says what an account principal really trusts', () => {
    assert.match(explainPrincipal('AWS', '111122223333'), /any IAM principal in account 111122223333 that its own policies allow/);
    assert.match(explainPrincipal('AWS', 'arn:aws:sts::111122223333:assumed-role/Admin/alice'), /only the session alice of role Admin/);
    assert.match(explainPrincipal('*', '*'), /anyone/);
  });

  it('shows an ARN by its parts', () => {
    const table = explainArnParts('arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:deploy')!;
    assert.match(table, /partition \| `aws-us-gov`/);
    assert.match(table, /region \| `us-gov-west-1`/);
    assert.match(table, /resource type \| `function`/);
    assert.match(table, /resource name \| `deploy`/);
    assert.equal(explainArnParts('not an arn'), undefined);
  });
});

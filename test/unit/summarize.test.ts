import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeStatements } from '../../src/policy/evaluate/summarize';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('statement summaries (code lens)', () => {
  const cases: Array<[string, object, string]> = [
    [
      'an account with an ExternalId',
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'vendor-42' } } },
      "Trusts any principal of account 111122223333 that is allowed to assume it, if sts:ExternalId = 'vendor-42'",
    ],
    ['anyone, no condition', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, 'Trusts anyone, with no condition'],
    [
      'GitHub Actions',
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:org/a:*', 'repo:org/b:*'] } },
      },
      "Trusts web identities from token.actions.githubusercontent.com, if token.actions.githubusercontent.com:aud = 'sts.amazonaws.com' and token.actions.githubusercontent.com:sub matches one of 'repo:org/a:*', 'repo:org/b:*'",
    ],
    [
      'a service with tags and a Null check',
      { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { Null: { 'aws:SourceAccount': 'false' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } },
      "Trusts lambda.amazonaws.com and ecs-tasks.amazonaws.com (sts:AssumeRole, sts:TagSession), if aws:SourceAccount is present and aws:MultiFactorAuthPresent is 'true' (when present)",
    ],
    [
      'a Deny on a role session',
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' }, Action: 'sts:AssumeRole' },
      'Denies session Admin/alice (111122223333)',
    ],
    [
      'set operators and SAML',
      { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } } },
      "Trusts SAML users of Okta, if every value of aws:TagKeys is one of 'team', 'cost'",
    ],
  ];
  for (const [name, statement, expected] of cases) {
    it(name, () => {
      const [summary] = summarizeStatements(policy(statement));
      assert.equal(summary?.title, expected);
    });
  }

  it('places each summary on its statement, and survives broken text', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const summaries = summarizeStatements(text);
    assert.equal(summaries.length, 2);
    assert.equal(text[summaries[1]!.offset], '{');
    assert.match(text.slice(summaries[1]!.offset, summaries[1]!.offset + summaries[1]!.length), /ec2\.amazonaws\.com/);
    const broken = summarizeStatements('{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ');
    assert.equal(broken.length, 1);
    assert.equal(broken[0]!.offset, 15);
    assert.equal(broken[0]!.title, 'Trusts nobody (empty Principal), with no condition');
    assert.deepEqual(summarizeStatements('not json'), []);
    assert.deepEqual(summarizeStatements('[]'), []);
  });

  it('keeps the lens short and the tooltip whole', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`aws:PrincipalTag/k${i}`, `value-${i}`]));
    const [summary] = summarizeStatements(policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: many } }));
    assert.ok(summary!.title.length <= 240);
    assert.ok(summary!.title.endsWith('…'));
    assert.equal(summary!.detail.split('\n').filter((l) => l.startsWith('• ')).length, 12);
  });

  it('never throws on objects where values belong (found by the fuzz suite: String() of a prototype-less object)', () => {
    const text = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":{"x":1}},"Action":[{"a":1}],"Condition":{"StringLike":{"k":{"v":1}}}}]}';
    const [summary] = summarizeStatements(text);
    assert.match(summary!.title, /\{"x":1\}/);
    assert.match(summary!.detail, /k matches \{"v":1\}/);
  });

  it('never throws on deep nesting (parseTree overflowed on 10,000 levels)', () => {
    assert.deepEqual(summarizeStatements(`{"Statement":${'['.repeat(10_000)}`), []);
    const [summary] = summarizeStatements(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Sid":${'['.repeat(10_000)}}]}`);
    assert.match(summary!.title, /^Trusts anyone/);
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runRules } from '../../../src/policy/lint/lint';
import { redundantAction } from '../../../src/policy/lint/rules/redundantAction';
import { redundantConditionValue } from '../../../src/policy/lint/rules/redundantConditionValue';
import { redundantPrincipal } from '../../../src/policy/lint/rules/redundantPrincipal';
import { redundantStatement } from '../../../src/policy/lint/rules/redundantStatement';
import { policy, ruleTests, statement } from '../ruleTester';

const p = (Principal: unknown) => policy(statement({ Principal }));
const a = (Action: unknown) => policy(statement({ Action }));
const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(redundantPrincipal, {
  valid: [
    p({ AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/ci'] }),
    p({ AWS: '*' }),
    { name: 'user names are case-sensitive', text: p({ AWS: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/Alice'] }) },
    { name: 'the same value under two types', text: p({ AWS: '111122223333', Service: 'ec2.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' }) },
  ],
  invalid: [
    { name: 'repeated', text: p({ Service: ['ec2.amazonaws.com', 'ec2.amazonaws.com'] }), errors: [{ token: '"ec2.amazonaws.com"', line: 9, message: /listed twice/ }] },
    { name: 'account ID and its root ARN', text: p({ AWS: ['111122223333', 'arn:aws:iam::111122223333:root'] }), errors: [{ token: '"arn:aws:iam::111122223333:root"', message: /same principal as "111122223333"/ }] },
    { name: 'beside *', text: p({ AWS: ['*', 'arn:aws:iam::444455556666:root'] }), errors: [{ token: '"arn:aws:iam::444455556666:root"', message: /covered by "\*"/ }] },
  ],
});

ruleTests(redundantAction, {
  valid: [
    a(['sts:AssumeRole', 'sts:TagSession']),
    a('sts:*'),
    { name: 'NotAction alone', text: policy(statement({ Action: undefined, NotAction: ['sts:AssumeRole', 'sts:TagSession'] })) },
    { name: 'two patterns, neither inside the other', text: a(['sts:Assume*', 'sts:*Session']) },
  ],
  invalid: [
    { name: 'repeated, any case', text: a(['sts:AssumeRole', 'STS:assumerole']), errors: [{ token: '"STS:assumerole"', message: /listed twice/ }] },
    { name: 'under a wildcard', text: a(['sts:AssumeRole', 'sts:Assume*', 'sts:TagSession']), errors: [{ token: '"sts:AssumeRole"', message: /covered by "sts:Assume\*"/ }] },
    { name: 'a pattern under a wider one', text: a(['sts:*', 'sts:Assume*']), errors: [{ token: '"sts:Assume*"', message: /covered by "sts:\*"/ }] },
    { name: 'under *', text: a(['*', 'sts:TagSession']), errors: [{ token: '"sts:TagSession"' }] },
  ],
});

const two = (first: object, second: object) => policy(first, second);

ruleTests(redundantStatement, {
  valid: [
    two(statement(), statement({ Action: 'sts:TagSession' })),
    two(statement(), statement({ Effect: 'Deny' })),
    policy(statement()),
  ],
  invalid: [
    { name: 'identical', text: two(statement(), statement()), errors: [{ token: '{', line: 16, message: /Statement 2 grants exactly what statement 1 grants/ }] },
    {
      name: 'differs only in Sid, key order and list form',
      text: two({ Sid: 'A', ...statement() }, { Action: ['sts:AssumeRole'], Sid: 'B', Condition: { StringEquals: { 'sts:ExternalId': 'example-external-id' } }, Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Effect: 'Allow' }),
      errors: [{ token: '{', line: 17 }],
    },
    {
      // canonical() reads a one-item list as its item; the model finds no condition entries in a list.
      name: 'the Condition, or an operator block, as a one-item list',
      text: two(
        statement({ Condition: { StringEquals: { 'sts:ExternalId': 'example-external-id' } } }),
        statement({ Condition: [{ StringEquals: [{ 'sts:ExternalId': 'example-external-id' }] }] }),
      ),
      errors: [{ token: '{', message: /Statement 2 grants exactly what statement 1 grants/ }],
    },
    {
      name: 'a different statement between two copies',
      text: policy(statement(), statement({ Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }), statement({ Sid: 'Again' })),
      errors: [{ token: '{', message: /Statement 3 grants exactly what statement 1 grants/ }],
    },
  ],
});

ruleTests(redundantConditionValue, {
  valid: [
    c({ StringEquals: { 'sts:ExternalId': ['a', 'A'] } }),
    c({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
    c({ StringLike: { 'aws:PrincipalTag/team': ['ci-*', 'deploy'] } }),
    c({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } }),
    { name: 'Bool lists are condition-multiple-bool\'s', text: c({ Bool: { 'aws:SecureTransport': ['true', 'true'] } }) },
    { name: 'ArnLike wildcards do not span colons', text: c({ ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*', 'arn:aws:iam::111122223333:role/x'] } }) },
  ],
  invalid: [
    { name: 'numeric bounds (the Access Analyzer example)', text: c({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), errors: [{ token: '"2700"', message: /only the greatest one counts/ }] },
    { name: 'date lower bounds', text: c({ DateGreaterThan: { 'aws:CurrentTime': ['2026-01-01T00:00:00Z', '2025-01-01T00:00:00Z'] } }), errors: [{ token: '"2026-01-01T00:00:00Z"', message: /least/ }] },
    { name: 'repeat, ignoring case', text: c({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': ['ci', 'CI'] } }), errors: [{ token: '"CI"', message: /ignores case/ }] },
    { name: 'matched by a wildcard', text: c({ StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:org/app:*', 'repo:org/app:ref:refs/heads/main'] } }), errors: [{ token: '"repo:org/app:ref:refs/heads/main"', message: /already matched by "repo:org\/app:\*"/ }] },
    { name: 'ArnLike within one part', text: c({ ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/ci-*', 'arn:aws:iam::111122223333:role/ci-build'] } }), errors: [{ token: '"arn:aws:iam::111122223333:role/ci-build"' }] },
    { name: 'IP range inside another', text: c({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '203.0.113.128/25'] } }), errors: [{ token: '"203.0.113.128/25"', message: /lies within "203\.0\.113\.0\/24"/ }] },
  ],
});

it('redundant-condition-value: a list of 300,000 bounds does not overflow the stack', () => {
  const values = Array.from({ length: 300_000 }, (_, i) => String(i));
  const found = runRules(c({ NumericLessThan: { 'aws:MultiFactorAuthAge': values } }), [redundantConditionValue]);
  assert.equal(found.length, 299_999);
});

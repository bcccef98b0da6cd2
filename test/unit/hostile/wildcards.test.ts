import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bounded } from './bounded';

// Issue 11, item 2: `*` in an action became `.*` in a backtracking regular expression.
// Each case runs in a worker with a time bound: the old code did not return on them.
describe('wildcards never backtrack', () => {
  it('lint: "sts:" + 30 stars + "X" (the 135-byte policy that hung the CLI)', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: `sts:${'*'.repeat(30)}X` }] });
    const result = await bounded<string[]>('(policy, text) => policy.lint(text).map((f) => f.code)', policy);
    assert.ok(result.done, `lint did not answer within the bound (${result.ms.toFixed(0)} ms)`);
    assert.ok(result.value.includes('action-invalid'), `no sts action matches sts:***…X: ${result.value.join(', ')}`);
  });

  it('evaluate: "sts:A*A*A*A*X" against a 1,000-character action', async () => {
    const input = {
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:A*A*A*A*A*A*A*A*A*X' }] },
      request: { principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/alice' }, action: `sts:${'A'.repeat(1000)}` },
    };
    const result = await bounded<string>('(policy, i) => policy.evaluate(i.policy, i.request).decision', input);
    assert.ok(result.done, 'evaluate did not answer within the bound');
    assert.equal(result.value, 'implicitDeny');
  });

  it('evaluate: StringLike and ArnLike with many stars against long values', async () => {
    const star = `${'a*'.repeat(300)}b`;
    const input = {
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'sts:AssumeRole',
            Condition: { StringLike: { 'aws:userid': star }, ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::111122223333:${star}` } },
          },
        ],
      },
      request: { principal: { type: 'AWS', id: `arn:aws:iam::111122223333:user/${'a'.repeat(20_000)}` }, action: 'sts:AssumeRole', context: { 'aws:userid': 'a'.repeat(20_000) } },
    };
    const result = await bounded<string>('(policy, i) => policy.evaluate(i.policy, i.request).decision', input);
    assert.ok(result.done, 'evaluate did not answer within the bound');
    assert.equal(result.value, 'implicitDeny');
  });
});

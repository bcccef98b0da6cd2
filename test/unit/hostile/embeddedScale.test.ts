import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bounded } from './bounded';

// Issue 11, items 6 and 9: lintEmbedded spread every policy's findings into one push (the stack
// overflowed above about 125k findings), and mapped each finding by comparing it with every
// segment (64k principals in one template took 15.6 s).
describe('many findings in one template', () => {
  it('150,000 invalid principals: every finding, at its place (the stack overflowed above ~125k)', async () => {
    const n = 150_000;
    const principals = Array.from({ length: n }, (_, i) => `x${i}`);
    const template = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] } } } },
    }, null, 1);
    const result = await bounded<{ count: number; firstText: string; lastText: string }>(
      `(policy, text) => {
        const found = policy.lintEmbedded(text, 'cloudformation').filter((f) => f.code === 'principal-invalid');
        const at = (f) => text.slice(f.offset, f.offset + f.length);
        return { count: found.length, firstText: at(found[0]), lastText: at(found[found.length - 1]) };
      }`,
      template,
      120_000,
    );
    assert.ok(result.done, 'lintEmbedded did not answer within 120 s');
    assert.equal(result.value.count, n);
    assert.equal(result.value.firstText, '"x0"');
    assert.equal(result.value.lastText, `"x${n - 1}"`);
  });
});

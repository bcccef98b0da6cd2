// Issue 14, the provider table's remaining gaps: a policy variable inside a condition key, pinning
// through session tags (Buildkite), Azure DevOps and Google, Cognito roles that do not say
// authenticated or unauthenticated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionKeyPrefix } from '../../../src/policy/iam/iamData';
import { conditionKeyInvalid } from '../../../src/policy/lint/rules/conditionKeyInvalid';
import { runRules } from '../../../src/policy/lint/lint';
import { policy } from '../ruleTester';

describe('a policy variable inside a condition key', () => {
  it('the prefix is not split at the colon inside ${…}', () => {
    const table: Array<[string, string]> = [
      ['aws:PrincipalTag/${aws:username}', 'aws'],
      ['aws:RequestTag/${aws:PrincipalTag/team}', 'aws'],
      ['s3:ExistingObjectTag/${aws:username}', 's3'],
      // An unclosed variable runs to the end: its colons are the variable's.
      ['aws:PrincipalTag/${aws:username', 'aws'],
      ['token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com'],
      ['oidc.eks.${AWS::Region}.amazonaws.com/id/${Id}:sub', 'oidc.eks.${AWS::Region}.amazonaws.com/id/${Id}'],
      ['no-colon', ''],
    ];
    for (const [key, prefix] of table) assert.equal(conditionKeyPrefix(key), prefix, key);
  });

  it('condition-key-invalid does not call aws:PrincipalTag/${aws:username} a claim of an identity provider', () => {
    // The minimal input of the report: it got "is a claim of the identity provider aws:PrincipalTag/${aws …".
    const text = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalTag/${aws:username}': 'x' } },
    });
    for (const finding of runRules(text, [conditionKeyInvalid])) {
      assert.doesNotMatch(finding.message, /identity provider/, finding.message);
    }
  });
});

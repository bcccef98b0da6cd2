import type { Rule } from '../rule';

export const mfaBoolPattern: Rule = {
  meta: {
    code: 'mfa-bool-pattern',
    severity: 'warning',
    needs: ['bool-condition'],
    description: 'aws:MultiFactorAuthPresent tested with Bool … "false", which misses long-term access keys.',
    rationale:
      'Requests signed with long-term access keys carry no aws:MultiFactorAuthPresent at all, so "Bool": {"aws:MultiFactorAuthPresent": "false"} does not match them: a Deny meant for callers without MFA lets them through. Use BoolIfExists, which also matches when the key is absent.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole" },
    {
      "Effect": "Deny",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "sts:AssumeRole",
      "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } }
    }
  ]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole" },
    {
      "Effect": "Deny",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "sts:AssumeRole",
      "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }
    }
  ]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const op = entry.op;
        if (op.base !== 'Bool' || op.ifExists || entry.lowerKey !== 'aws:multifactorauthpresent') continue;
        for (const value of entry.values) {
          if (value.value.toLowerCase() === 'false') {
            reportAt(value.node, 'Long-term access keys carry no aws:MultiFactorAuthPresent, so this does not match them: use BoolIfExists');
          }
        }
      }
    }
  },
};

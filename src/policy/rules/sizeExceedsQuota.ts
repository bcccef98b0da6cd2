import type { Rule } from '../rule';
import { countedSize, MAX_QUOTA } from './policySize';

const filler = Array.from({ length: 130 }, (_, i) => `"arn:aws:iam::111122223${String(i).padStart(3, '0')}:root"`).join(', ');

export const sizeExceedsQuota: Rule = {
  meta: {
    code: 'size-exceeds-quota',
    severity: 'error',
    description: `The policy is longer than ${MAX_QUOTA} characters (not counting whitespace), the most IAM allows.`,
    rationale: `A role trust policy may hold at most ${MAX_QUOTA} characters once whitespace is removed, even after raising the quota from its default of 2,048; CreateRole and UpdateAssumeRolePolicy fail with LimitExceeded. Split trust across roles, or trust an account or organisation with a condition instead of listing every principal.`,
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "AWS": [${filler}] } }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    accessAnalyzer: 'Policy size exceeds the role trust policy quota',
  },
  check({ model, policy, reportAt }) {
    const size = countedSize(policy.text);
    if (model.root && size > MAX_QUOTA) {
      reportAt(model.root, `The policy is ${size} characters without whitespace; IAM allows at most ${MAX_QUOTA} for a trust policy`);
    }
  },
};

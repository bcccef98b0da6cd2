import type { Rule } from '../rule';
import { countedSize, DEFAULT_QUOTA, MAX_QUOTA } from './policySize';

const filler = Array.from({ length: 70 }, (_, i) => `"arn:aws:iam::111122223${String(i).padStart(3, '0')}:root"`).join(', ');

export const sizeExceedsDefaultQuota: Rule = {
  meta: {
    code: 'size-exceeds-default-quota',
    severity: 'warning',
    description: `The policy is longer than ${DEFAULT_QUOTA} characters (not counting whitespace), the default quota.`,
    rationale: `Unless the account's "Role trust policy length" quota was raised (up to ${MAX_QUOTA}) through Service Quotas, CreateRole and UpdateAssumeRolePolicy fail with LimitExceeded above ${DEFAULT_QUOTA} characters.`,
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
    // Above the hard maximum, size-exceeds-quota reports it as an error instead.
    if (model.root && size > DEFAULT_QUOTA && size <= MAX_QUOTA) {
      reportAt(
        model.root,
        `The policy is ${size} characters without whitespace, over the default quota of ${DEFAULT_QUOTA}: ask for a higher "Role trust policy length" quota (up to ${MAX_QUOTA}) or shorten it`,
      );
    }
  },
};

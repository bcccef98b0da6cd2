import type { Rule } from '../rule';
import { countedSize, MAX_QUOTA, ORGANIZATION_TRUST_EXAMPLE, policyTrustingAccounts } from './policySize';

export const sizeExceedsQuota: Rule = {
  meta: {
    code: 'size-exceeds-quota',
    severity: 'error',
    description: `The policy is longer than ${MAX_QUOTA} characters (not counting whitespace), the most IAM allows.`,
    rationale: `A role trust policy may hold at most ${MAX_QUOTA} characters once whitespace is removed, even after raising the quota from its default of 2,048; CreateRole and UpdateAssumeRolePolicy fail with LimitExceeded. Split trust across roles, or trust an account or organisation with a condition instead of listing every principal.`,
    badExample: policyTrustingAccounts(130),
    goodExample: ORGANIZATION_TRUST_EXAMPLE,
    accessAnalyzer: 'Policy size exceeds the role trust policy quota',
  },
  check({ model, policy, reportAt }) {
    // The counted size is at most the length: most policies need no counting.
    if (!model.root || policy.text.length <= MAX_QUOTA) return;
    const size = countedSize(policy);
    if (size > MAX_QUOTA) {
      reportAt(model.root, `The policy is ${size} characters without whitespace; IAM allows at most ${MAX_QUOTA} for a trust policy`);
    }
  },
};

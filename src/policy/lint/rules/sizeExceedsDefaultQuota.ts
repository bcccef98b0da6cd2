import type { Rule } from '../rule';
import { countedSize, DEFAULT_QUOTA, MAX_QUOTA, ORGANIZATION_TRUST_EXAMPLE, policyTrustingAccounts } from './policySize';

export const sizeExceedsDefaultQuota: Rule = {
  meta: {
    code: 'size-exceeds-default-quota',
    severity: 'warning',
    description: `The policy is longer than ${DEFAULT_QUOTA} characters (not counting whitespace), the default quota.`,
    rationale: `Unless the account's "Role trust policy length" quota was raised (up to ${MAX_QUOTA}) through Service Quotas, CreateRole and UpdateAssumeRolePolicy fail with LimitExceeded above ${DEFAULT_QUOTA} characters.`,
    badExample: policyTrustingAccounts(70),
    goodExample: ORGANIZATION_TRUST_EXAMPLE,
    accessAnalyzer: 'Policy size exceeds the role trust policy quota',
  },
  check({ model, policy, reportAt }) {
    // The counted size is at most the length: most policies need no counting.
    if (!model.root || policy.text.length <= DEFAULT_QUOTA) return;
    const size = countedSize(policy);
    // Above the hard maximum, size-exceeds-quota reports it as an error instead.
    if (size > DEFAULT_QUOTA && size <= MAX_QUOTA) {
      reportAt(
        model.root,
        `The policy is ${size} characters without whitespace, over the default quota of ${DEFAULT_QUOTA}: ask for a higher "Role trust policy length" quota (up to ${MAX_QUOTA}) or shorten it`,
      );
    }
  },
};

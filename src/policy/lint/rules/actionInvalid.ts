import { parseAction, serviceExists, stsActionsMatching } from '../../iam/actions';
import { closestMatch } from '../../base/closest';
import { allStsActions } from '../../iam/iamData';
import type { Item } from '../../model/model';
import type { Rule } from '../rule';

export const actionInvalid: Rule = {
  meta: {
    code: 'action-invalid',
    severity: 'error',
    description: 'An action that is malformed or does not exist, e.g. sts:AssumeRoles.',
    rationale:
      'IAM rejects actions of unknown services and malformed ones; a misspelt sts action is worse, since it matches nothing and the role silently cannot be assumed.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRoles" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Invalid action',
  },
  check({ model, reportAt }) {
    const checkItem = (item: Item) => {
      if (item.kind !== 'string') {
        reportAt(item.node, `An action must be a string such as "sts:AssumeRole", not a${item.kind === 'array' || item.kind === 'object' ? 'n' : ''} ${item.kind}`);
        return;
      }
      if (item.value === '') return; // action-missing reports an empty Action
      const action = parseAction(item.value);
      if (!action) {
        reportAt(item.node, `"${item.value}" is not an action: actions look like "sts:AssumeRole" (service prefix, colon, name)`);
      } else if (!serviceExists(action.service)) {
        reportAt(item.node, `Unknown service "${action.service}" in "${item.value}"`);
      } else if (action.service.toLowerCase() === 'sts' && stsActionsMatching(item.value).length === 0) {
        const names = allStsActions().map((a) => a.name);
        const guess = /[*?]/.test(action.name) ? undefined : closestMatch(action.name, names, 3);
        reportAt(
          item.node,
          /[*?]/.test(action.name)
            ? `"${item.value}" matches no STS action`
            : `"${item.value}" is not an STS action${guess ? `: did you mean "sts:${guess}"?` : ''}`,
        );
      }
    };
    for (const statement of model.statements) {
      for (const item of statement.actions) checkItem(item);
      for (const item of statement.notActions) checkItem(item);
    }
  },
};

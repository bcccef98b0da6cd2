import { parseAction, serviceExists, stsActionsMatching } from '../../iam/actions';
import { closestMatch } from '../../base/closest';
import { memoize } from '../../base/memoize';
import { allStsActions } from '../../iam/iamData';
import type { Item } from '../../model/model';
import type { Rule } from '../rule';

/** What is wrong with a non-empty action, if anything: one remembered answer per text, rather than its parse, service and sts look-ups for every lint. */
const actionProblem = memoize((value: string): string | undefined => {
  const action = parseAction(value);
  if (!action) return `"${value}" is not an action: actions look like "sts:AssumeRole" (service prefix, colon, name)`;
  if (!serviceExists(action.service)) return `Unknown service "${action.service}" in "${value}"`;
  if (action.service.toLowerCase() === 'sts' && stsActionsMatching(value).length === 0) {
    const names = allStsActions().map((a) => a.name);
    const guess = /[*?]/.test(action.name) ? undefined : closestMatch(action.name, names, 3);
    return /[*?]/.test(action.name) ? `"${value}" matches no STS action` : `"${value}" is not an STS action${guess ? `: did you mean "sts:${guess}"?` : ''}`;
  }
  return undefined;
});

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
      const problem = actionProblem(item.value);
      if (problem) reportAt(item.node, problem);
    };
    for (const statement of model.statements) {
      for (const item of statement.actions) checkItem(item);
      for (const item of statement.notActions) checkItem(item);
    }
  },
};

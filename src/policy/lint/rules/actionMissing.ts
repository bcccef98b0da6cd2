import type { Rule } from '../rule';

export const actionMissing: Rule = {
  meta: {
    code: 'action-missing',
    severity: 'error',
    description: 'A statement has no Action, or an empty one.',
    rationale: 'A trust statement must say which STS action it allows (usually sts:AssumeRole); IAM rejects a statement without Action or NotAction.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" } }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Missing action',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.node.type !== 'object') continue;
      const action = statement.elements.get('Action');
      if (!action && !statement.elements.has('NotAction')) {
        reportAt(statement.node, 'Statement has no "Action": add "Action": "sts:AssumeRole" (or the action its principal uses)');
      } else if (action?.value && ((action.value.type === 'array' && (action.value.children ?? []).length === 0) || (action.value.type === 'string' && action.value.value === ''))) {
        reportAt(action.value, 'Action is empty: name the STS action this statement allows');
      }
    }
  },
};

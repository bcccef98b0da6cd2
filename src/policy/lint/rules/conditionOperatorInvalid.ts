import { parseOperator } from '../../iam/operators';
import type { Rule } from '../rule';

export const conditionOperatorInvalid: Rule = {
  meta: {
    code: 'condition-operator-invalid',
    severity: 'error',
    needs: ['condition'],
    description: 'An unknown condition operator, a bad ForAllValues:/ForAnyValue: prefix, NullIfExists, or a malformed Condition block.',
    rationale:
      'IAM rejects a policy with an operator it does not know. Operator names are case-sensitive ("stringEquals" is unknown), and Null has no IfExists form since it already tests whether the key exists.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEqual": { "sts:ExternalId": "example-id" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "sts:ExternalId": "example-id" } }
  }]
}`,
    accessAnalyzer: 'Invalid condition operator',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      const condition = statement.elements.get('Condition')?.value;
      if (!condition) continue;
      if (condition.type !== 'object') {
        reportAt(condition, 'Condition must be an object: { "Operator": { "key": "value" } }');
        continue;
      }
      for (const operator of statement.conditionOperators) {
        const parsed = parseOperator(operator.name);
        if (parsed.problem) reportAt(operator.key, parsed.problem);
        if (operator.value && operator.value.type !== 'object') {
          reportAt(operator.value, `${operator.name} must map condition keys to values: { "key": "value" }`);
        }
      }
    }
  },
};

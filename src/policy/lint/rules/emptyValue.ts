import type { Node } from 'jsonc-parser';
import type { Rule } from '../rule';

const isEmpty = (node: Node | undefined) => (node?.type === 'object' || node?.type === 'array') && !node.children?.length;

const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];

export const emptyValue: Rule = {
  meta: {
    code: 'empty-value',
    severity: 'warning',
    description: 'An empty principal list or map, condition block, operator block or value list. (An empty Sid is fine: IAM accepts it and AWS\'s own examples use it.)',
    rationale:
      'Empty elements are usually the leftovers of an edit. An empty value list in a condition can never match, and an empty principal trusts nobody; IAM rejects some of them and Access Analyzer flags all of them.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "sts:ExternalId": [] } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "sts:ExternalId": ["example-external-id"] } }
  }]
}`,
    accessAnalyzer: 'Empty array or object',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const name of PRINCIPAL_ELEMENTS) {
        const value = statement.elements.get(name)?.value;
        if (isEmpty(value)) reportAt(value!, `${name} is empty: it trusts nobody`);
        // allProperties(value), without making its elements.
        if (value?.type !== 'object' || !value.children) continue;
        for (const property of value.children) {
          const key = property.children?.[0];
          if (property.type !== 'property' || key?.type !== 'string') continue;
          const list = property.children![1];
          if (isEmpty(list)) reportAt(list!, `The ${String(key.value)} principal list is empty`);
        }
      }

      const condition = statement.elements.get('Condition')?.value;
      if (isEmpty(condition)) reportAt(condition!, 'Condition is empty: remove it, or add the conditions you meant');
      for (const operator of statement.conditionOperators) {
        if (isEmpty(operator.value)) reportAt(operator.value!, `The ${operator.name} block is empty`);
      }
      // The condition entries are the keys of the operator blocks.
      for (const entry of statement.conditions) {
        if (isEmpty(entry.valueNode)) reportAt(entry.valueNode!, `No values for ${entry.key}: an empty list never matches`);
      }
    }
  },
};

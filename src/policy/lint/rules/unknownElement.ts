import type { Element } from '../../model/model';
import { closestMatch } from '../../base/closest';
import type { Rule } from '../rule';
import { caseVariantOf, STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS } from './elementNames';

export const unknownElement: Rule = {
  meta: {
    code: 'unknown-element',
    severity: 'error',
    description: 'An element that IAM does not know, at the top level or in a statement (names are case-sensitive).',
    rationale:
      'IAM rejects a policy with an unknown element (MalformedPolicyDocument). A wrongly cased name such as "effect" or "condition" is unknown too, and a misspelt "Conditions" would otherwise silently drop the condition you meant to add.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Conditions": { "StringEquals": { "sts:ExternalId": "example-id" } }
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
  },
  check({ model, reportAt }) {
    const checkElements = (elements: Map<string, Element>, known: readonly string[], where: string) => {
      for (const { name, key } of elements.values()) {
        if (known.includes(name)) continue;
        const variant = caseVariantOf(name, known);
        const typo = variant ? undefined : closestMatch(name, known);
        const hint = variant
          ? `: element names are case-sensitive, write "${variant}"`
          : typo
            ? `: did you mean "${typo}"?`
            : `; ${where} elements are ${known.join(', ')}`;
        reportAt(key, `Unknown element "${name}"${hint}`);
      }
    };
    // A statement alone (statement-missing says to wrap it) is checked as a statement only.
    if (!model.loneStatement) checkElements(model.elements, TOP_LEVEL_ELEMENTS, 'top-level');
    for (const statement of model.statements) checkElements(statement.elements, STATEMENT_ELEMENTS, 'statement');
  },
};

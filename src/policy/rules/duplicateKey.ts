import type { Node } from 'jsonc-parser';
import type { Rule } from '../rule';

export const duplicateKey: Rule = {
  meta: {
    code: 'duplicate-key',
    severity: 'error',
    description: 'A key appears twice in the same object (also when only its case differs).',
    rationale:
      'JSON parsers disagree on which of two equal keys wins, and IAM rejects or silently keeps one of them: the policy you review is not the policy AWS enforces. Condition keys are case-insensitive, so "aws:SourceAccount" and "aws:sourceaccount" are the same key.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "lambda.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333", "aws:sourceaccount": "444455556666" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "lambda.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": ["111122223333", "444455556666"] } }
  }]
}`,
  },
  check({ model, policy, reportAt }) {
    const visit = (node: Node | undefined): void => {
      if (!node) return;
      if (node.type === 'object') {
        const seen = new Map<string, Node>();
        for (const property of node.children ?? []) {
          const key = property.children?.[0];
          const value = property.children?.[1];
          if (key?.type !== 'string') continue;
          const name = String(key.value);
          const first = seen.get(name.toLowerCase());
          if (first) {
            const { line } = policy.lines.positionAt(first.offset);
            const same = String(first.value) === name;
            reportAt(
              key,
              same
                ? `Duplicate key "${name}" (first on line ${line}): only one of them takes effect; merge them`
                : `Key "${name}" repeats "${String(first.value)}" (line ${line}), differing only in case: merge them`,
              [{ node: first, message: `First "${String(first.value)}"` }],
            );
          } else {
            seen.set(name.toLowerCase(), key);
          }
          visit(value);
        }
      } else if (node.type === 'array') {
        for (const child of node.children ?? []) visit(child);
      }
    };
    visit(model.parsed.root);
  },
};

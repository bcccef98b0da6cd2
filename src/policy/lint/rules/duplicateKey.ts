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
    // The lower-cased key names of the object being checked, by property index; one array
    // serves every object, since an object's keys are all checked before its values are visited
    // (only its first properties.length places are read; it is not emptied in between, which
    // cost more than the rest of the check).
    const lowerNames: Array<string | undefined> = [];
    const checkKeys = (properties: Node[]): void => {
      // The objects of a policy are small: searching the names before is cheaper than filling
      // a map (Map.clear() allocates a new table). A large object gets a map, as search would
      // grow with the square of its size.
      const firstByName = properties.length > 16 ? new Map<string, number>() : undefined;
      for (let index = 0; index < properties.length; index++) {
        const key = properties[index]!.children?.[0];
        const lower = key?.type === 'string' ? String(key.value).toLowerCase() : undefined;
        lowerNames[index] = lower;
        if (lower === undefined) continue;
        let first: number | undefined;
        if (firstByName) {
          first = firstByName.get(lower);
          if (first === undefined) firstByName.set(lower, index);
        } else {
          for (let j = 0; j < index; j++) {
            if (lowerNames[j] === lower) {
              first = j;
              break;
            }
          }
        }
        if (first === undefined) continue;
        const name = String(key!.value);
        const firstKey = properties[first]!.children![0]!;
        const { line } = policy.lines.positionAt(firstKey.offset);
        const same = String(firstKey.value) === name;
        reportAt(
          key!,
          same
            ? `Duplicate key "${name}" (first on line ${line}): only one of them takes effect; merge them`
            : `Key "${name}" repeats "${String(firstKey.value)}" (line ${line}), differing only in case: merge them`,
          [{ node: firstKey, message: `First "${String(firstKey.value)}"` }],
        );
      }
    };
    // Only objects and arrays have children, and only they are visited.
    const visit = (node: Node): void => {
      const children = node.children!;
      if (node.type === 'object') {
        // An object of one property (most of a policy's) cannot repeat a key.
        if (children.length > 1) checkKeys(children);
        for (const property of children) {
          const value = property.children?.[1];
          if (value?.children && property.children![0]!.type === 'string') visit(value);
        }
      } else if (node.type === 'array') {
        for (const child of children) if (child.children) visit(child);
      }
    };
    if (model.parsed.root?.children) visit(model.parsed.root);
  },
};

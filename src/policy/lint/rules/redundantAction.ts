import { parseAction, stsActionsMatching } from '../../iam/actions';
import type { Item } from '../../model/model';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Suggestion – Redundant action": an action is reported when all it covers
// is covered by another action of the list:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-redundant-action

/** Above this many distinct wildcard patterns in one list, only exact repeats are looked for (each pair would be compared). */
const MAX_PATTERNS = 64;

export const redundantAction: Rule = {
  meta: {
    code: 'redundant-action',
    severity: 'suggestion',
    needs: ['multiple-actions'],
    description: 'An action listed twice, or already covered by a wildcard of the same list ("sts:AssumeRole" beside "sts:Assume*" or "sts:*").',
    rationale:
      'A statement allows the union of its actions; an action whose every match another action of the list already covers (actions compare without case) changes nothing. IAM Access Analyzer reports it as "Redundant action". Which to keep is the author\'s choice: the exact actions are the narrower grant (see action-wildcard). Source: IAM User Guide, Access Analyzer policy check reference, "Redundant action" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": ["sts:AssumeRole", "sts:TagSession", "sts:AssumeRole"]
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": ["sts:AssumeRole", "sts:TagSession"]
  }]
}`,
    accessAnalyzer: 'Redundant action',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const list of [statement.actions, statement.notActions]) {
        if (list.length < 2) continue;
        const strings = list.filter((a) => a.kind === 'string' && parseAction(a.value) !== undefined);
        const firstOf = new Map<string, Item>();
        const patterns: Item[] = [];
        for (const item of strings) {
          const lower = item.value.toLowerCase();
          if (!firstOf.has(lower)) {
            firstOf.set(lower, item);
            if (/[*?]/.test(item.value)) patterns.push(item);
          }
        }
        const compare = patterns.length <= MAX_PATTERNS;
        for (const item of strings) {
          const first = firstOf.get(item.value.toLowerCase())!;
          if (first !== item) {
            reportAt(item.node, `"${item.value}" is listed twice (actions compare without case): remove one`, [{ node: first.node, message: 'listed here first' }]);
            continue;
          }
          if (!compare) continue;
          const covered = stsActionsMatching(item.value);
          if (covered.length === 0) continue; // no sts action: action-invalid's or action-unsupported's
          const cover = patterns.find((p) => {
            if (p === item) return false;
            const wider = stsActionsMatching(p.value);
            if (!covered.every((name) => wider.includes(name))) return false;
            // Two patterns that cover the same actions: the later one is the redundant one.
            return wider.length > covered.length || p.node.offset < item.node.offset;
          });
          if (cover) reportAt(item.node, `"${item.value}" is already covered by "${cover.value}" in the same list: one of them is redundant`, [{ node: cover.node, message: 'covers it' }]);
        }
      }
    }
  },
};

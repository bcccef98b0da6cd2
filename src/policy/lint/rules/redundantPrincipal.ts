import { memoize } from '../../base/memoize';
import { parseAwsPrincipal } from '../../iam/principals';
import type { Rule } from '../rule';

// No Access Analyzer check of this name: the principal counterpart of its "Suggestion – Redundant
// action" and "Redundant statement" checks
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-redundant-action).
// An account ID and its root ARN are one principal (IAM User Guide, Principal element, "AWS
// account principals": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts),
// and { "AWS": "*" } is every AWS principal ("All principals", same page).

/** The principal a value names, for comparison: an account ID and its :root ARN are the same. */
function identity(type: string, value: string): string {
  return type === 'AWS' ? awsIdentity(value) : `${type}\u0000${value}`;
}

/** Remembered: the same accounts recur in every statement. */
const awsIdentity = memoize((value: string): string => {
  const p = parseAwsPrincipal(value);
  return p?.kind === 'account' || p?.kind === 'root' ? `AWS\u0000account:${p.account}` : `AWS\u0000${value}`;
});

export const redundantPrincipal: Rule = {
  meta: {
    code: 'redundant-principal',
    severity: 'suggestion',
    needs: ['multiple-principals'],
    description: 'A principal listed twice in one statement (also an account ID beside its :root ARN), or beside { "AWS": "*" }, which already covers it.',
    rationale:
      'IAM trusts the union of the principals listed, so a repeated principal, an account ID next to arn:aws:iam::ACCOUNT:root (the same principal: IAM stores the ID as the ARN), or any AWS principal next to "*" changes nothing. Removing it keeps the policy short and makes the next edit to that principal the only one. Source: IAM User Guide, Principal element (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html), and Access Analyzer policy check reference, the redundancy suggestions (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": ["111122223333", "arn:aws:iam::111122223333:root"] },
    "Action": "sts:AssumeRole"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole"
  }]
}`,
    accessAnalyzer: 'Redundant statement / Redundant action (the same check, for principals)',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!statement.elements.has('Principal') && !statement.elements.has('NotPrincipal')) continue;
      if (statement.principals.length < 2) continue;
      const strings = statement.principals.filter((e) => e.item.kind === 'string');
      const everyone = strings.find((e) => (e.type === 'AWS' || e.type === '*') && e.item.value === '*');
      const first = new Map<string, (typeof strings)[number]>();
      for (const entry of strings) {
        const value = entry.item.value;
        if (everyone && entry !== everyone && entry.type === 'AWS' && value !== '*') {
          reportAt(entry.item.node, `"${value}" is already covered by "*", which trusts every AWS principal`, [{ node: everyone.item.node, message: 'every AWS principal' }]);
          continue;
        }
        const key = identity(entry.type, value);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, entry);
          continue;
        }
        const same = earlier.item.value === value ? 'is listed twice' : `is the same principal as "${earlier.item.value}"`;
        reportAt(entry.item.node, `"${value}" ${same}: remove one`, [{ node: earlier.item.node, message: 'listed here first' }]);
      }
    }
  },
};

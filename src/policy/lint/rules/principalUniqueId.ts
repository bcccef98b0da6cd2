import { uniqueIdPrefix } from '../../iam/principals';
import type { Rule } from '../rule';

// IAM Access Analyzer, "General Warning – Invalid role reference" and "… Invalid user reference":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-general-warning-invalid-role-reference
// IAM User Guide, Principal element, "IAM role principals" (the ARN is stored as the role's unique
// ID; after a delete the ID is shown and a recreated role does not match it):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles

export const principalUniqueId: Rule = {
  meta: {
    code: 'principal-unique-id',
    severity: 'warning',
    needs: ['aws-principal'],
    description: 'A principal given as an IAM unique ID (AROA… for a role, AIDA… for a user) instead of an ARN.',
    rationale:
      'IAM stores a trusted role or user as its unique ID and shows the ARN while the role or user exists; it shows the ID (AROA…, AIDA…) once that role or user was deleted. Such an entry trusts nobody any more, and recreating a role or user with the same name does not restore the trust: the new one has a new ID. Reported as a warning: whether the ID still names a living role or user is a fact of the account, not of the text; either way the ARN is what to write (IAM turns it into the current ID when the policy is saved). Source: IAM User Guide, Access Analyzer policy check reference, "Invalid role reference" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), and Principal element, IAM roles (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "AROAJND24IEWKTX6BABJI" },
    "Action": "sts:AssumeRole"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:role/deploy" },
    "Action": "sts:AssumeRole"
  }]
}`,
    accessAnalyzer: 'Invalid role reference / Invalid user reference',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.principals) {
        if (entry.type !== 'AWS' || entry.item.kind !== 'string') continue;
        // What parseAwsPrincipal() reads as kind 'unique-id', without splitting every ARN.
        const prefix = uniqueIdPrefix(entry.item.value);
        if (prefix !== 'AROA' && prefix !== 'AIDA') continue;
        const what = prefix === 'AROA' ? 'role' : 'user';
        reportAt(
          entry.item.node,
          `"${entry.item.value}" is the unique ID of an IAM ${what}, which IAM shows in place of a ${what} that was deleted: it trusts nobody then, and a ${what} recreated under the same name does not match it. Write the ${what}'s ARN (arn:aws:iam::ACCOUNT:${what}/NAME); IAM turns it into the current ID when the policy is saved`,
        );
      }
    }
  },
};

import type { Rule } from '../rule';

// IAM Access Analyzer, "Error – Unsupported wildcard in principal":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-unsupported-wildcard-in-principal
// IAM User Guide, Principal element, "All principals": "*" and {"AWS": "*"} are the only wildcard
// forms; "You cannot use a wildcard to match part of a principal name or ARN":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous

/** The principal types whose values this rule judges (Federated values are federated-invalid's). */
const TYPES = new Set(['AWS', 'Service']);

export const principalWildcardUnsupported: Rule = {
  meta: {
    code: 'principal-wildcard-unsupported',
    severity: 'error',
    needs: ['wildcard'],
    description: 'A wildcard (* or ?) inside a principal, e.g. "arn:aws:iam::*:role/deploy", "arn:aws:iam::111122223333:role/ci-*" or "*.amazonaws.com".',
    rationale:
      'IAM accepts a wildcard principal only whole: "Principal": "*" or { "AWS": "*" }. Any other * or ? in an AWS or service principal is refused when the policy is saved (MalformedPolicyDocument: Invalid principal in policy): a wildcard cannot match part of a name or an ARN, every user, or every session of a role. To trust a family of roles, trust their account and narrow with an ArnLike condition on aws:PrincipalArn. Source: IAM User Guide, Principal element (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous), and Access Analyzer policy check reference, "Unsupported wildcard in principal" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:role/deploy-*" },
    "Action": "sts:AssumeRole"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy-*" } }
  }]
}`,
    accessAnalyzer: 'Unsupported wildcard in principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!statement.elements.has('Principal') && !statement.elements.has('NotPrincipal')) continue;
      for (const entry of statement.principals) {
        if (!TYPES.has(entry.type) || entry.item.kind !== 'string') continue;
        const value = entry.item.value;
        if ((entry.type === 'AWS' && value === '*') || !/[*?]/.test(value)) continue;
        const hint =
          entry.type === 'Service'
            ? 'name the service exactly, e.g. "lambda.amazonaws.com"'
            : 'name the principal exactly, or trust the account ("arn:aws:iam::ACCOUNT:root") and narrow it with an ArnLike condition on aws:PrincipalArn';
        reportAt(entry.item.node, `"${value}": IAM refuses wildcards inside a ${entry.type === 'Service' ? 'service ' : ''}principal (only a whole "*" is accepted, as { "AWS": "*" }); ${hint}`);
      }
    }
  },
};

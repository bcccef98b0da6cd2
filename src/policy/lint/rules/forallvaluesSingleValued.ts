import type { Rule } from '../rule';

export const forallvaluesSingleValued: Rule = {
  meta: {
    code: 'forallvalues-single-valued',
    severity: 'warning',
    needs: ['set-condition'],
    description: 'ForAllValues: or ForAnyValue: on a single-valued condition key.',
    rationale:
      'Set operators are for multi-valued keys such as aws:TagKeys. On a single-valued key they are at best a confusing StringEquals — and ForAllValues is true when the key is absent, so it lets in requests that do not carry the key at all.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    accessAnalyzer: 'ForAllValues with single valued key',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const op = entry.op;
        if (!op.setOperator || !op.base) continue;
        const info = entry.keyInfo;
        if (info ? info.multiValued : !isSingleValuedClaim(entry.key)) continue;
        const plain = entry.operator.slice(op.setOperator.length + 1);
        reportAt(
          entry.keyNode,
          op.setOperator === 'ForAllValues'
            ? `${entry.key} has one value: ForAllValues is also true when it is absent. Use ${plain}`
            : `${entry.key} has one value: use ${plain} instead of ForAnyValue:${plain}`,
        );
      }
    }
  },
};

/**
 * Whether a key is a claim of an OIDC provider (`token.actions.githubusercontent.com:sub`,
 * `oidc.eks.….amazonaws.com/id/X:aud`), which the IAM data does not list: a web identity token's
 * claims are single strings (IAM User Guide, "Available keys for AWS web identity federation"),
 * except Cognito's `amr`, a list.
 */
function isSingleValuedClaim(key: string): boolean {
  const colon = key.lastIndexOf(':');
  if (colon < 0) return false;
  const provider = key.slice(0, colon);
  const claim = key.slice(colon + 1).toLowerCase();
  return provider.includes('.') && /^[\w-]+$/.test(claim) && claim !== 'amr';
}

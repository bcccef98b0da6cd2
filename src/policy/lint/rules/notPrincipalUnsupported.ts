import type { Rule } from '../rule';

export const notPrincipalUnsupported: Rule = {
  meta: {
    code: 'not-principal-unsupported',
    severity: 'error',
    needs: ['not-principal'],
    description: 'NotPrincipal in a role trust policy.',
    rationale:
      'Role trust policies do not support NotPrincipal: IAM rejects it. With Allow it would trust everyone except the listed principals; name the trusted principals in Principal instead.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole" }]
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
    accessAnalyzer: 'NotPrincipal not supported',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      const element = statement.elements.get('NotPrincipal');
      if (element) reportAt(element.key, 'Role trust policies do not support NotPrincipal: list the trusted principals in "Principal"');
    }
  },
};

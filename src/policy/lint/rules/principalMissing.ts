import type { Rule } from '../rule';

export const principalMissing: Rule = {
  meta: {
    code: 'principal-missing',
    severity: 'error',
    description: 'A statement has no Principal.',
    rationale: 'A trust policy says who may assume the role: every statement needs a Principal, and IAM rejects a statement without one.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Missing principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      // NotPrincipal alone is not-principal-unsupported's to report.
      if (statement.node.type !== 'object' || statement.elements.has('Principal') || statement.elements.has('NotPrincipal')) continue;
      reportAt(statement.node, 'Statement has no "Principal": say whom the role trusts');
    }
  },
};

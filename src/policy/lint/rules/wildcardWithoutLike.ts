import type { Rule } from '../rule';

/**
 * The base operators that compare literally: String(Not)Equals(IgnoreCase). Not ArnEquals and
 * ArnNotEquals: the IAM User Guide (condition operators, "Amazon Resource Name (ARN) condition
 * operators") says ArnEquals and ArnLike behave identically, both taking * and ? in each part.
 */
const LITERAL_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);

export const wildcardWithoutLike: Rule = {
  meta: {
    code: 'wildcard-without-like',
    severity: 'warning',
    needs: ['condition', 'wildcard'],
    description: 'A * or ? in a StringEquals (or StringNotEquals, …IgnoreCase) value, where it matches only itself.',
    rationale:
      'Among the string operators only the Like ones treat * and ? as wildcards. With StringEquals, "repo:octo-org/*" matches only that literal text, so the condition never matches — or, with StringNotEquals, never excludes anything. The ARN operators are different: ArnEquals and ArnLike behave identically and both take wildcards (IAM User Guide, ARN condition operators), so they are not reported.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }
  }]
}`,
    accessAnalyzer: 'Wildcard without like operator',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const op = entry.op;
        if (!op.base || !LITERAL_OPERATORS.has(op.base)) continue;
        for (const value of entry.values) {
          // ${*} and ${?} are the policy-variable escapes for a literal * and ?; most values
          // have no * or ? at all, so only those that do are searched for the escapes.
          if (value.kind === 'string' && /[*?]/.test(value.value) && /[*?]/.test(value.value.replace(/\$\{[*?]\}/g, ''))) {
            const like = op.base.replace(/Equals(IgnoreCase)?$/, 'Like');
            reportAt(value.node, `${entry.operator} matches "${value.value}" literally: use ${like} for * and ? to be wildcards`);
          }
        }
      }
    }
  },
};

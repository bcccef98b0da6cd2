import type { Node } from 'jsonc-parser';
import type { Rule } from '../rule';

export const sidDuplicate: Rule = {
  meta: {
    code: 'sid-duplicate',
    severity: 'error',
    needs: ['sid', 'multiple-statements'],
    description: 'Two statements have the same Sid.',
    rationale: 'Statement IDs must be unique within a policy; IAM rejects a policy that repeats one.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Trust", "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" },
    { "Sid": "Trust", "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }
  ]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "TrustEc2", "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" },
    { "Sid": "TrustLambda", "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }
  ]
}`,
    accessAnalyzer: 'Duplicate Sid',
  },
  check({ model, policy, reportAt }) {
    const seen = new Map<string, Node>();
    for (const statement of model.statements) {
      const value = statement.elements.get('Sid')?.value;
      if (value?.type !== 'string' || value.value === '') continue;
      const sid = String(value.value);
      const first = seen.get(sid);
      if (first) {
        reportAt(value, `Sid "${sid}" is already used on line ${policy.lines.positionAt(first.offset).line}: statement IDs must be unique`, [
          { node: first, message: `First use of Sid "${sid}"` },
        ]);
      } else {
        seen.set(sid, value);
      }
    }
  },
};

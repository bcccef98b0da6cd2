import type { Rule } from '../rule';

export const arnKeyStringOperator: Rule = {
  meta: {
    code: 'arn-key-string-operator',
    severity: 'suggestion',
    needs: ['condition'],
    description: 'An ARN key such as aws:SourceArn or aws:PrincipalArn compared with a String operator.',
    rationale:
      'Arn operators compare ARNs part by part, so a wildcard cannot spill from one part into the next (StringLike "arn:aws:iam::111122223333:role/ci*" also matches a different account whose ID starts with …; ArnLike cannot). AWS recommends ArnLike/ArnEquals for ARN keys.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }
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
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const op = entry.op;
        if (op.valueType !== 'String' || entry.keyInfo?.type !== 'ARN') continue;
        const arnOp = op.base!.replace(/^String/, 'Arn').replace('IgnoreCase', '');
        reportAt(entry.operatorKey, `${entry.key} is an ARN: compare it with ${arnOp} rather than ${op.base}`);
      }
    }
  },
};

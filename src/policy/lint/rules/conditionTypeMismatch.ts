import { valueProblem } from '../../iam/conditionKeys';
import type { Rule } from '../rule';

export const conditionTypeMismatch: Rule = {
  meta: {
    code: 'condition-type-mismatch',
    severity: 'error',
    description: 'A condition value or key of the wrong type for its operator (Bool, Numeric, Date, IpAddress, Arn, Binary, Null).',
    rationale:
      'IAM rejects values that its typed operators cannot parse, and an operator applied to a key of another type never matches: a Bool test on sts:ExternalId or an IpAddress test on a string lets nobody in, or — negated — everybody.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": "one hour" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": "3600" } }
  }]
}`,
    accessAnalyzer: 'Type mismatch',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const op = entry.op;
        if (!op.valueType) continue;
        for (const value of entry.values) {
          if (value.kind === 'object' || value.kind === 'array' || value.kind === 'null') {
            reportAt(value.node, `Condition values are strings, numbers or booleans, not ${value.kind === 'null' ? 'null' : `an ${value.kind}`}`);
            continue;
          }
          const problem = valueProblem(op.valueType, value.value);
          if (problem) reportAt(value.node, `${problem}: ${entry.operator} compares ${op.valueType === 'IPAddress' ? 'IP addresses' : `${op.valueType} values`}`);
        }
        const info = entry.keyInfo;
        if (!info || op.valueType === 'String' || op.valueType === 'Null') continue;
        if (info.type !== op.valueType) {
          reportAt(entry.keyNode, `${entry.key} is a ${info.type} key: ${entry.operator} (${op.valueType}) never matches it; use a ${info.type === 'ARN' ? 'String or Arn' : info.type === 'IPAddress' ? 'IpAddress' : info.type} operator`);
        }
      }
    }
  },
};

import { valueProblem } from '../../iam/conditionKeys';
import type { Rule } from '../rule';

/**
 * A date whose day its month does not have ("2026-02-30", "2026-04-31"): no ISO 8601 date, though
 * JavaScript's Date.parse rolls it over into the next month (Access Analyzer, "Type mismatch date":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-general-warning-type-mismatch-date).
 */
function calendarProblem(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days ? undefined : `"${value}" is not a date (month ${month} of ${year} has ${days} days)`;
}

export const conditionTypeMismatch: Rule = {
  meta: {
    code: 'condition-type-mismatch',
    severity: 'error',
    needs: ['condition'],
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
          const problem = valueProblem(op.valueType, value.value) ?? (op.valueType === 'Date' ? calendarProblem(value.value) : undefined);
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

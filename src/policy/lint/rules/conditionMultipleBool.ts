import type { Rule } from '../rule';

// IAM Access Analyzer, "Error – Invalid condition multiple Boolean":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-condition-multiple-boolean

export const conditionMultipleBool: Rule = {
  meta: {
    code: 'condition-multiple-bool',
    severity: 'warning',
    needs: ['bool-condition', 'multiple-values'],
    description: 'Several values for one key of a Bool (or Null) condition, e.g. "aws:SecureTransport": ["true", "false"].',
    rationale:
      'A Bool key holds one value, true or false, and a condition matches when any listed value does. With both true and false the condition matches whenever the key is present (Null with both: always), so it restricts nothing: a warning, since what it lets through depends on the other conditions. The same value listed twice changes nothing: a suggestion. IAM Access Analyzer reports every list as "Invalid condition multiple Boolean": use a single value. Source: IAM User Guide, Access Analyzer policy check reference (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), and Condition operators, Boolean (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "Bool": { "aws:MultiFactorAuthPresent": ["true", "false"] } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }
  }]
}`,
    accessAnalyzer: 'Invalid condition multiple Boolean',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        if ((entry.op.valueType !== 'Bool' && entry.op.valueType !== 'Null') || entry.valueNode?.type !== 'array' || entry.values.length < 2) continue;
        const seen = new Set(entry.values.filter((v) => v.kind === 'string' || v.kind === 'boolean').map((v) => v.value.toLowerCase()));
        // A value that is not true or false is condition-type-mismatch's finding.
        if ([...seen].some((v) => v !== 'true' && v !== 'false')) continue;
        if (seen.size === 2) {
          const always = entry.op.valueType === 'Null' ? 'always (the key is either absent or present)' : 'whenever the key is present';
          reportAt(entry.valueNode, `${entry.operator} on ${entry.key} with both true and false matches ${always}: it restricts nothing; keep the one value you mean`);
        } else {
          reportAt(entry.valueNode, `${entry.key} is a single true or false: the repeated value adds nothing; write it once`, undefined, 'suggestion');
        }
      }
    }
  },
};

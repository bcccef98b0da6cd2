import type { Rule } from '../rule';

export const effectInvalid: Rule = {
  meta: {
    code: 'effect-invalid',
    severity: 'error',
    description: 'A statement has no Effect, or an Effect other than exactly "Allow" or "Deny".',
    rationale: 'IAM rejects a statement without an Effect, and the value is case-sensitive: "allow" is not "Allow".',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.node.type !== 'object') continue;
      const element = statement.elements.get('Effect');
      if (!element) {
        reportAt(statement.node, 'Statement has no "Effect": add "Effect": "Allow" or "Deny"');
        continue;
      }
      const value = element.value;
      if (!value) continue;
      const text = value.type === 'string' ? String(value.value) : undefined;
      if (text === 'Allow' || text === 'Deny') continue;
      const fix = text?.toLowerCase() === 'allow' ? 'Allow' : text?.toLowerCase() === 'deny' ? 'Deny' : undefined;
      reportAt(
        value,
        fix
          ? `Effect "${text}" is case-sensitive: write "${fix}"`
          : `Effect must be "Allow" or "Deny", not ${text === undefined ? `a ${value.type}` : `"${text}"`}`,
      );
    }
  },
};

import { policyVariables, VARIABLE_PROBLEMS } from '../../iam/policyVariables';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Error – Missing brace in variable", "… Missing quote in variable",
// "… Unsupported space in variable", "… Empty variable":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-missing-brace-in-variable
// Syntax: IAM User Guide, "IAM policy elements: Variables and tags"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

export const policyVariableInvalid: Rule = {
  meta: {
    code: 'policy-variable-invalid',
    severity: 'error',
    needs: ['condition', 'policy-variable'],
    description: 'A malformed policy variable in a condition value: ${ without its closing brace, an empty ${}, a space in the name, or a default value without its single quotes.',
    rationale:
      'A policy variable is ${ then a request key then }, optionally with a default: ${aws:PrincipalTag/team, \'none\'}; ${*}, ${?} and ${$} stand for the literal characters. IAM Access Analyzer reports each malformed form as an error, and the condition cannot compare what was meant. Reported only where the policy\'s Version (2012-10-17) gives variables a meaning; under 2008-10-17 policy-variable-not-allowed reports them. Source: IAM User Guide, Variables and tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), and Access Analyzer policy check reference, "Missing brace in variable", "Missing quote in variable", "Unsupported space in variable", "Empty variable" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalTag/team": "\${aws:RequestTag/team" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalTag/team": "\${aws:RequestTag/team}" } }
  }]
}`,
    accessAnalyzer: 'Missing brace in variable / Missing quote in variable / Unsupported space in variable / Empty variable',
  },
  check({ model, reportAt }) {
    if (model.version !== '2012-10-17') return;
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        for (const item of entry.values) {
          if (item.kind !== 'string' || !item.value.includes('${')) continue;
          const bad = policyVariables(item.value).find((v) => v.problem);
          if (!bad) continue;
          const shown = bad.body.length > 40 ? `${bad.body.slice(0, 40)}…` : bad.body;
          reportAt(item.node, `The policy variable \${${shown}${bad.problem === 'missing-brace' ? '' : '}'} ${VARIABLE_PROBLEMS[bad.problem!]}`);
        }
      }
    }
  },
};

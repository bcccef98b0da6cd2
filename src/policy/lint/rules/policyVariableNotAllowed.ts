import { federatedProvider } from '../../iam/iamData';
import { parseAwsPrincipal } from '../../iam/principals';
import type { PrincipalEntry } from '../../model/model';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Error – Variable unsupported in element", "… Variable unsupported in
// version", "… Invalid variable for operator":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-variable-unsupported-in-element
// Where variables may stand: IAM User Guide, "Where you can use policy variables"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse

/**
 * Whether a principal holding `${` would otherwise be one IAM accepts: then the variable is the
 * only thing wrong with it. When it would not (an account of "${AccountId}", a service name),
 * principal-invalid or federated-invalid reports the value: one root cause, reported once.
 */
function acceptedButForVariable(entry: PrincipalEntry): boolean {
  const value = entry.item.value;
  if (entry.type === 'AWS') {
    const p = parseAwsPrincipal(value);
    return p !== undefined && p.kind !== 'unique-id' && !/[*?]/.test(value);
  }
  return entry.type === 'Federated' && federatedProvider(value) !== undefined;
}

export const policyVariableNotAllowed: Rule = {
  meta: {
    code: 'policy-variable-not-allowed',
    severity: 'error',
    needs: ['policy-variable'],
    description: 'A policy variable where IAM does not resolve one: in a principal, in a condition with a Numeric, Date, Bool, Binary, IpAddress or Null operator, or in a policy whose Version is 2008-10-17 or missing.',
    rationale:
      'IAM resolves policy variables only in the Resource element and in the values of String and Arn conditions, and only under Version 2012-10-17. Elsewhere ${…} is not a variable: a principal holding one names no role or user and is refused; under Version 2008-10-17 (also when Version is missing) the variable is compared as the literal text "${aws:username}", so StringEquals never matches and StringNotEquals always does. Source: IAM User Guide, Variables and tags, "Where you can use policy variables" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse), and Access Analyzer policy check reference, "Variable unsupported in element", "Variable unsupported in version", "Invalid variable for operator" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2008-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalTag/team": "\${aws:RequestTag/team}" } }
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
    accessAnalyzer: 'Variable unsupported in element / Variable unsupported in version / Invalid variable for operator',
  },
  check({ model, reportAt }) {
    const missing = !model.elements.has('Version');
    const legacy = missing || model.version === '2008-10-17';
    const modern = model.version === '2012-10-17';
    const versionText = missing
      ? 'the policy has no Version, so IAM reads it as 2008-10-17, where'
      : 'under Version 2008-10-17';
    for (const statement of model.statements) {
      if (statement.elements.has('Principal') || statement.elements.has('NotPrincipal')) {
        for (const entry of statement.principals) {
          if (entry.item.kind !== 'string' || !entry.item.value.includes('${') || !acceptedButForVariable(entry)) continue;
          reportAt(entry.item.node, `"${entry.item.value}": policy variables are not allowed in a principal (only in Resource and in String and Arn condition values); name the principal, and compare aws:PrincipalArn in a condition instead`);
        }
      }
      for (const entry of statement.conditions) {
        for (const item of entry.values) {
          if (item.kind !== 'string' || !item.value.includes('${')) continue;
          if (legacy) {
            reportAt(item.node, `${versionText} policy variables are literal text: this value is compared as the characters "${item.value.length > 60 ? `${item.value.slice(0, 60)}…` : item.value}"; use "Version": "2012-10-17"`);
          } else if (modern && entry.op.valueType && entry.op.valueType !== 'String' && entry.op.valueType !== 'ARN') {
            reportAt(item.node, `${entry.operator} does not resolve policy variables (only String and Arn operators do): the value is never a valid ${entry.op.valueType === 'IPAddress' ? 'IP address' : entry.op.valueType === 'Null' || entry.op.valueType === 'Bool' ? 'true or false' : entry.op.valueType.toLowerCase()}`);
          }
        }
      }
    }
  },
};

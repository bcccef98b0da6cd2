import type { Rule } from '../rule';

/**
 * Service principals are case-sensitive: "Do not try to guess the service principal, because it
 * is case-sensitive and the format can vary across AWS services" (IAM User Guide, "Create a role
 * to delegate permissions to an AWS service",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html). A service
 * sends its own principal, in lower case ("usually in the following format in all lowercase
 * letters: service-name.amazonaws.com", Access Analyzer policy check "Invalid service principal
 * format"), so `Lambda.amazonaws.com` names no service and Lambda can never assume the role.
 */
export const SERVICE_PRINCIPAL_CASE_SOURCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html';

/** The shape of a service principal once in lower case (the same as principal-invalid accepts). */
const SERVICE_FORMAT = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/**
 * The service principal a mis-cased one was meant to be (`Lambda.amazonaws.com` →
 * `lambda.amazonaws.com`); undefined when the value has no upper-case letter or is no service
 * principal in any case. principal-invalid can call it to leave these to this rule.
 */
export function misCasedServicePrincipal(value: string): string | undefined {
  if (!/[A-Z]/.test(value)) return undefined;
  const lower = value.toLowerCase();
  return SERVICE_FORMAT.test(lower) ? lower : undefined;
}

export const servicePrincipalCase: Rule = {
  meta: {
    code: 'service-principal-case',
    severity: 'error',
    needs: ['service'],
    description: 'A service principal with upper-case letters, such as "Lambda.amazonaws.com": it names no service.',
    rationale:
      'Service principals are case-sensitive ("Do not try to guess the service principal, because it is case-sensitive", IAM User Guide) and every service sends its own in lower case. IAM saves the policy, but the service never matches the mis-cased principal, so it can never assume the role: the function, task or pipeline fails at run time with an AccessDenied that does not point here.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "Lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!statement.elements.has('Principal')) continue;
      for (const entry of statement.principals) {
        if (entry.type !== 'Service' || entry.item.kind !== 'string') continue;
        const meant = misCasedServicePrincipal(entry.item.value);
        if (!meant) continue;
        reportAt(
          entry.item.node,
          `"${entry.item.value}" names no service: service principals are case-sensitive, so the service can never assume this role; write "${meant}"`,
        );
      }
    }
  },
};

import { closestMatch } from '../../base/closest';
import { memoize } from '../../base/memoize';
import { parseArn, parseAwsPrincipal, PARTITIONS, UNIQUE_ID_PREFIXES, uniqueIdPrefix } from '../../iam/principals';
import type { Severity } from '../../base/finding';
import type { Rule } from '../rule';
import { misCasedServicePrincipal } from './servicePrincipalCase';

const TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Why an AWS principal value is not one IAM accepts (remembered: the same accounts recur). */
const awsProblem = memoize((value: string): string | undefined => {
  // A wildcard inside a principal is principal-wildcard-unsupported's finding: one root cause, reported once.
  if (/[*?]/.test(value)) return undefined;
  const arn = parseArn(value);
  if (arn && !PARTITIONS.includes(arn.partition)) return `Unknown partition "${arn.partition}" in "${value}": use one of ${PARTITIONS.join(', ')}`;
  // An AROA…/AIDA… unique ID parses (principal-unique-id explains it); the other IAM IDs name no principal.
  const principal = parseAwsPrincipal(value);
  if (principal) return principal.kind === 'role' || principal.kind === 'user' || principal.kind === 'assumed-role' || principal.kind === 'federated-user' ? nameProblem(value, principal.kind, principal.name!) : undefined;
  const idPrefix = uniqueIdPrefix(value);
  if (idPrefix) return `"${value}" is the unique ID of ${UNIQUE_ID_PREFIXES[idPrefix]}, which cannot be a principal: use an account, role or user ARN`;
  if (/^\d+$/.test(value)) return `"${value}" is not an account ID: account IDs have exactly 12 digits`;
  if (!arn) {
    // A service principal under "AWS" (iam-vulnerable, CloudGoat: {"AWS": "ec2.amazonaws.com"}).
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(value)) return `"${value}" is a service principal, which belongs under "Service", not "AWS": "Principal": {"Service": "${value}"}`;
    return `"${value}" is neither a 12-digit account ID nor an ARN`;
  }
  if (!/^\d{12}$/.test(arn.account)) return `"${arn.account}" in "${value}" is not an account ID: account IDs have exactly 12 digits`;
  if (arn.region !== '') return `"${value}": IAM and STS principal ARNs have no region`;
  return `"${value}" is not an AWS principal: use an account (:root), role, user or assumed-role session ARN`;
});

// What IAM allows in names (the CreateRole/CreateUser API and "IAM object quotas": names of
// [\w+=,.@-], 64 characters at most, after a path of printable ASCII between slashes; an
// assumed role's session name [\w+=,.@-]{2,64}). A space, "#" or "<" can name no principal:
// AWS's Control Tower guide prints "role/aws-controltower-AuditReadOnlyRole " with a trailing
// space. A policy variable is policy-variable-not-allowed's finding.
const NAME = /^(?:[\w+=,.@-]|\$\{[^}]*\})+$/;
const PATH = /^[!-.0-~]*$/;

function nameProblem(value: string, kind: string, name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  const names = kind === 'assumed-role' ? name.split('/') : [name.slice(slash + 1)];
  const path = kind === 'role' || kind === 'user' ? name.slice(0, slash + 1).split('/') : [];
  if (names.every((n) => NAME.test(n) && n.length <= 64) && path.every((segment) => PATH.test(segment))) return undefined;
  const bad = /[^\w+=,.@/${}-]/.exec(names.join('/')) ?? /[^!-~]/.exec(path.join('/'));
  const what = !bad ? 'a name longer than 64 characters' : bad[0] === ' ' ? 'a space' : bad[0] === '\t' ? 'a tab' : /[^!-~]/.test(bad[0]) ? `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `"${bad[0]}"`;
  return `"${value}" names no ${kind} that can exist: IAM names hold only letters, digits and _+=,.@- (this one has ${what}), so IAM refuses the policy`;
}

function serviceProblem(value: string): { message: string; severity?: Severity } | undefined {
  if (/[*?]/.test(value)) return undefined; // principal-wildcard-unsupported
  if (misCasedServicePrincipal(value)) return undefined; // service-principal-case
  if (/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(value)) {
    // A Region placeholder left in a regional principal (AWS's Firehose guide prints
    // "logs.your-region.amazonaws.com"): no service has that name, and IAM refuses it.
    const placeholder = /region/i.test(value) ? value.split('.').find((label) => /region/i.test(label)) : undefined;
    if (placeholder) return { message: `"${placeholder}" in "${value}" stands for a Region: write one (${value.replace(placeholder, 'us-east-1')}), or the service's principal without it if it has one` };
    return undefined;
  }
  if (/^[a-z0-9-]+$/.test(value)) return { message: `"${value}" is not a service principal: did you mean "${value}.amazonaws.com"?` };
  // A host name in another domain: AWS documents a few (alexa-appkit.amazon.com), and AWS's own
  // samples use internal ones (preprod.states.aws.internal, held-out set 9). Whether IAM knows
  // it decides whether the policy is refused: a suggestion that says so.
  if (/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(value)) {
    return { message: `"${value}" is not a service principal of the usual form (name.amazonaws.com): unless AWS documents it for a service, IAM refuses the policy`, severity: 'suggestion' };
  }
  return { message: `"${value}" is not a service principal: they look like "lambda.amazonaws.com"` };
}

const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];

export const principalInvalid: Rule = {
  meta: {
    code: 'principal-invalid',
    severity: 'error',
    description: 'A principal IAM does not accept: unknown type, malformed ARN or account ID, unknown partition, the unique ID of something that is no principal. (Wildcards inside a principal: principal-wildcard-unsupported.)',
    rationale:
      'IAM validates every principal when the trust policy is saved and rejects the whole policy for one bad entry (MalformedPolicyDocument: Invalid principal in policy).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::11112222333:root" },
    "Action": "sts:AssumeRole"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole"
  }]
}`,
    accessAnalyzer: 'Invalid principal format',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const name of PRINCIPAL_ELEMENTS) {
        const value = statement.elements.get(name)?.value;
        if (!value) continue;
        if (value.type === 'string' && value.value !== '*') {
          reportAt(value, `${name} "${value.value}" must be "*" or a map such as { "AWS": "${value.value}" }`);
        } else if (value.type !== 'string' && value.type !== 'object') {
          reportAt(value, `${name} must be "*" or a map of principal types to principals`);
        }
      }
      if (!statement.elements.has('Principal') && !statement.elements.has('NotPrincipal')) continue;
      for (const entry of statement.principals) {
        if (entry.typeKey && !TYPES.includes(entry.type)) continue; // reported once per key below
        if (entry.item.kind !== 'string') {
          reportAt(entry.item.node, `A principal must be a string, not a${entry.item.kind === 'array' || entry.item.kind === 'object' ? 'n' : ''} ${entry.item.kind}`);
          continue;
        }
        if (entry.type === 'Service') {
          const service = serviceProblem(entry.item.value);
          if (service) reportAt(entry.item.node, service.message, undefined, service.severity);
          continue;
        }
        const problem =
          entry.type === 'AWS' ? awsProblem(entry.item.value)
          : entry.type === 'CanonicalUser' && !/^[0-9a-f]{64}$/.test(entry.item.value) ? `"${entry.item.value}" is not a canonical user ID (64 hexadecimal characters)`
          : undefined;
        if (problem) reportAt(entry.item.node, problem);
      }
      let reported: Set<number> | undefined; // created for the first unknown type only
      for (const entry of statement.principals) {
        if (!entry.typeKey || TYPES.includes(entry.type) || reported?.has(entry.typeKey.offset)) continue;
        (reported ??= new Set()).add(entry.typeKey.offset);
        const fix = closestMatch(entry.type, TYPES);
        reportAt(entry.typeKey, `Unknown principal type "${entry.type}"${fix ? `: did you mean "${fix}"?` : `; use ${TYPES.join(', ')}`}`);
      }
    }
  },
};

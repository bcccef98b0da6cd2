import { namedList } from '../../base/display';
import type { Rule } from '../rule';
import type { ConditionEntry } from '../../model/model';
import type { Statement } from '../../model/model';
import { allowedStsActions, computedConditionKeys, principalEntries, restrictingEntries } from '../../model/statements';

/** Keys that pin who the caller is (or on whose behalf a service calls). */
export const CALLER_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

/** Keys whose value names an account (or an ARN with one): a wildcard account admits every account. */
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn']);

/** value.split(':')[4] (the account field of an ARN), without splitting the whole value. */
function arnAccountField(value: string): string | undefined {
  let start = 0;
  for (let field = 0; field < 4; field++) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    start = colon + 1;
  }
  const end = value.indexOf(':', start);
  return end < 0 ? value.slice(start) : value.slice(start, end);
}

/** Whether a value, matched with wildcards, lets every account through: "*", "????????????", "arn:aws:iam::*:role/*". */
function admitsEveryAccount(key: string, value: string): boolean {
  const account = key.endsWith('arn') ? arnAccountField(value) : value;
  // An ARN pattern with fewer than six parts, "arn:*", a bare "*" …: the account is open too.
  if (account === undefined) return /[*]/.test(value);
  return account === '' ? false : /^[*?]+$/.test(account);
}

/** Whether a restricting condition entry pins who the caller is (not: any account of any role). */
function pinsCaller(entry: ConditionEntry): boolean {
  const key = entry.lowerKey;
  if (!CALLER_KEYS.includes(key)) return false;
  const wildcards = entry.op.globbing || entry.op.valueType === 'ARN';
  if (!wildcards || !ACCOUNT_KEYS.has(key)) return true;
  return !entry.values.every((v) => v.kind !== 'string' || v.value === '' || admitsEveryAccount(key, v.value));
}

const isWildcardPrincipal = (statement: Statement) =>
  principalEntries(statement).some((e) => (e.type === '*' || e.type === 'AWS') && e.item.kind === 'string' && e.item.value === '*');

/**
 * Whether a Deny statement of the policy turns away every caller that is not a named one: it
 * applies to everyone ("*"), covers sts:AssumeRole, and its only conditions are negated tests of
 * who the caller is (StringNotLike aws:PrincipalArn "arn:aws:iam::444455556666:role/ci-*").
 * Then the Allow lets in only those callers, whatever it says itself (issue 13: judge the
 * policy as a whole).
 */
function denyAllowsOnlyNamedCallers(statements: readonly Statement[]): boolean {
  return statements.some((statement) => {
    if (statement.effect !== 'Deny' || !isWildcardPrincipal(statement) || !allowedStsActions(statement).has('AssumeRole')) return false;
    const entries = statement.conditions;
    return (
      entries.length > 0 &&
      entries.every((e) => e.op.negated && !e.op.setOperator && CALLER_KEYS.includes(e.lowerKey) && pinsCaller(e))
    );
  });
}

export const publicPrincipal: Rule = {
  meta: {
    code: 'public-principal',
    severity: 'security',
    needs: ['aws-principal', 'wildcard'],
    description: 'The role trusts every AWS principal ("*") with no condition on who the caller is.',
    rationale:
      'A wildcard principal lets any principal of any AWS account assume the role, subject only to its own identity policy — which the attacker writes. Restrict it with aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn, or name the trusted accounts. sts:ExternalId is not a secret and does not restrict who calls, and neither does an aws:PrincipalArn or aws:PrincipalAccount pattern whose account part is a wildcard ("arn:aws:iam::*:role/*").',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    accessAnalyzer: 'Allows public access (external access finding)',
  },
  check({ model, reportAt }) {
    let onlyNamedCallers: boolean | undefined;
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      // A pattern whose account part is a wildcard (aws:PrincipalArn "arn:aws:iam::*:role/*")
      // admits every account: it restricts nothing (issue 13).
      if (restrictingEntries(statement).some(pinsCaller)) continue;
      // A whole-policy fact: asked once, not once per statement (that made lint quadratic).
      if ((onlyNamedCallers ??= denyAllowsOnlyNamedCallers(model.statements))) continue;
      for (const entry of principalEntries(statement)) {
        if ((entry.type === '*' || entry.type === 'AWS') && entry.item.kind === 'string' && entry.item.value === '*') {
          // A key computed in a template or .tf file (`variable = var.key`, read as "${var.key}")
          // may be aws:PrincipalOrgID: what it is decides the finding, so a suggestion says so.
          const computed = computedConditionKeys(statement);
          if (computed.length > 0) {
            reportAt(entry.item.node, `Whether the condition on ${computed.join(', ')} says who the caller is decides this: unless it is aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or the like, anyone in any AWS account can assume this role`, undefined, 'suggestion');
          } else {
            reportAt(entry.item.node, `Anyone in any AWS account can assume this role${conditionsThatDoNotPin(statement)}: add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn, or name the trusted accounts`);
          }
        }
      }
    }
  },
};

/**
 * The statement's conditions, named, when it has some: none of them says who the caller is
 * (sadcloud's roles trust "*" with only BoolIfExists aws:MultiFactorAuthPresent, which anyone
 * meets by signing in with MFA to their own account).
 */
function conditionsThatDoNotPin(statement: Statement): string {
  const keys = [...new Set(statement.conditions.map((c) => c.key))];
  if (keys.length === 0) return '';
  return ` (the condition${keys.length > 1 ? 's' : ''} on ${namedList(keys)} ${keys.length > 1 ? 'do' : 'does'} not say who the caller is: principals of any account can meet ${keys.length > 1 ? 'them' : 'it'})`;
}

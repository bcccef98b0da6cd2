import { parseAwsPrincipal } from '../../iam/principals';
import { memoize } from '../../base/memoize';
import { declaresZone, type Rule, type RuleOptions } from '../rule';
import type { Statement } from '../../model/model';
import { allowedStsActions, computedConditionKeys, principalEntries, restrictedKeys, restrictingEntries } from '../../model/statements';

/** The account an AWS principal value names, if any (remembered: the same accounts recur). */
const principalAccount = memoize((value: string) => parseAwsPrincipal(value)?.account);


export const crossAccountWithoutExternalId: Rule = {
  meta: {
    code: 'cross-account-without-external-id',
    severity: 'security',
    needs: ['aws-principal'],
    description: 'Another account is trusted to call sts:AssumeRole without an sts:ExternalId condition.',
    rationale:
      'When a third party (a SaaS vendor, a monitoring service) assumes roles in many customers\' accounts, anyone who can make that third party act for them could name your role: the confused deputy. Requiring the external ID that you and the third party agreed on, unique to you, closes that door. Your own accounts need no external ID (role chaining, accounts of your organisation), so the rule needs to know which accounts are yours, your zone of trust: the role\'s account (accountId, --account), other accounts of yours (trustedAccounts, --trusted-accounts) and your organisation (organizationId, --organization-id; a statement restricted by aws:PrincipalOrgID to it, or by ForAnyValue aws:PrincipalOrgPaths below it, is inside), declared in .iamtrust.json or the iamTrust.* settings (docs/configuration.md). **security** when the account is outside a declared zone; nothing when it is inside; **suggestion** when no zone is declared at all, saying how to declare one. A principal computed at deploy time in a template (the stack\'s own account) is not judged. The examples assume accountId 111122223333.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::444455556666:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "sts:ExternalId": "4f6b1c2e-customer-111122223333" } }
  }]
}`,
  },
  check({ model, options, reportAt }) {
    const zone = declaresZone(options);
    // Made when a statement first names an account.
    let inside: Set<string> | undefined;
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      if (!allowedStsActions(statement).has('AssumeRole')) continue;
      if (restrictedKeys(statement).has('sts:externalid')) continue;
      const org = options.organizationId && restrictsToOrganization(statement, options.organizationId);
      for (const entry of principalEntries(statement)) {
        if (entry.type !== 'AWS' || entry.item.kind !== 'string') continue;
        const account = principalAccount(entry.item.value);
        if (!account || account === UNKNOWN_ACCOUNT) continue;
        inside ??= new Set([...(options.accountId ? [options.accountId] : []), ...(options.trustedAccounts ?? [])]);
        if (inside.has(account) || org) continue;
        const computed = computedConditionKeys(statement);
        const without = weakExternalId(statement) ?? 'without sts:ExternalId';
        if (zone && computed.length > 0) {
          reportAt(
            entry.item.node,
            `Account ${account} is outside your zone of trust (${zoneText(options)}) and no sts:ExternalId condition can be seen: whether the condition on ${computed.join(', ')} is sts:ExternalId decides this; if it is not and the account is a third party's, require the external ID you agreed with it`,
            undefined,
            'suggestion',
          );
        } else if (zone) {
          reportAt(
            entry.item.node,
            `Account ${account} is outside your zone of trust (${zoneText(options)}) and is trusted ${without}: if it is a third party acting for several customers, anyone it serves could make it assume this role (the confused deputy). Require the external ID you agreed with it: "Condition": {"StringEquals": {"sts:ExternalId": "…"}}; if the account is yours, add it to trustedAccounts`,
          );
        } else {
          reportAt(
            entry.item.node,
            `Account ${account} is trusted ${without}. Whether that matters depends on whose account it is, which is not declared: if it is yours (or in your organisation), declare your zone of trust (accountId, trustedAccounts or organizationId in .iamtrust.json; iamTrust.trustedAccounts in the editor; --trusted-accounts on the command line); if it is a third party, require the external ID you agreed with it: "Condition": {"StringEquals": {"sts:ExternalId": "…"}}`,
            undefined,
            'suggestion',
          );
        }
      }
    }
  },
};

/**
 * The statement's condition on sts:ExternalId, when it has one that does not pin the external ID
 * (`StringLike "*"`, a Not operator, …IfExists, ForAllValues: restrictedKeys() leaves it out):
 * what the message says instead of "without sts:ExternalId" (held-out set 10: Spacelift's
 * account with `StringLike sts:ExternalId "*"` was said to be trusted without one).
 */
function weakExternalId(statement: Statement): string | undefined {
  const entry = statement.conditions.find((c) => c.lowerKey === 'sts:externalid');
  if (!entry) return undefined;
  const values = entry.values.map((v) => JSON.stringify(v.value)).join(', ');
  return `with an sts:ExternalId condition that does not pin it to one value (${entry.operator} ${values || 'with no value'})`;
}

/**
 * The account lintEmbedded() writes for a principal computed at deploy time
 * (`!Sub arn:aws:iam::${AWS::AccountId}:root`, `data.aws_caller_identity.current.account_id`)
 * when the role's own account is not given: not a real account, and nothing to judge.
 */
const UNKNOWN_ACCOUNT = '000000000000';

/** The zone of trust as declared, for messages. */
function zoneText({ accountId, trustedAccounts, organizationId }: RuleOptions): string {
  const accounts = [...new Set([...(accountId ? [accountId] : []), ...(trustedAccounts ?? [])])];
  const parts = [...(accounts.length > 0 ? [`account${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')}`] : []), ...(organizationId ? [`organization ${organizationId}`] : [])];
  return parts.join(', ');
}

/**
 * Whether the statement admits principals of `organizationId` only: aws:PrincipalOrgID equal
 * to it (StringEquals, StringEqualsIgnoreCase, or StringLike without wildcards), or
 * aws:PrincipalOrgPaths (ForAnyValue) below it, every value of the entry inside.
 */
function restrictsToOrganization(statement: Statement, organizationId: string): boolean {
  return restrictingEntries(statement).some((entry) => {
    const key = entry.lowerKey;
    const { base } = entry.op;
    if (base !== 'StringEquals' && base !== 'StringEqualsIgnoreCase' && base !== 'StringLike') return false;
    const values = entry.values.filter((v) => v.kind === 'string').map((v) => (base === 'StringEqualsIgnoreCase' ? v.value.toLowerCase() : v.value));
    if (values.length === 0 || values.length !== entry.values.length) return false;
    if (key === 'aws:principalorgid') return !entry.op.setOperator && values.every((v) => v === organizationId);
    if (key === 'aws:principalorgpaths') return entry.op.setOperator === 'ForAnyValue' && values.every((v) => v.startsWith(`${organizationId}/`));
    return false;
  });
}

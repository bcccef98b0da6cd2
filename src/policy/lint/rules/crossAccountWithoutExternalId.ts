import { parseAwsPrincipal } from '../../iam/principals';
import { memoize } from '../../base/memoize';
import type { Rule } from '../rule';
import { allowedStsActions, principalEntries, restrictedKeys } from '../../model/statements';

/** The account an AWS principal value names, if any (remembered: the same accounts recur). */
const principalAccount = memoize((value: string) => parseAwsPrincipal(value)?.account);


export const crossAccountWithoutExternalId: Rule = {
  meta: {
    code: 'cross-account-without-external-id',
    severity: 'security',
    description: 'Another account is trusted to call sts:AssumeRole without an sts:ExternalId condition.',
    rationale:
      'When a third party (a SaaS vendor, a monitoring service) assumes roles in many customers\' accounts, anyone who can make that third party act for them could name your role: the confused deputy. Requiring the external ID that you and the third party agreed on, unique to you, closes that door. Only checked when the role\'s own account is known (--account, iamTrust.accountId); the examples assume 111122223333.',
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
    const home = options.accountId;
    if (!home) return;
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      if (!allowedStsActions(statement).has('AssumeRole')) continue;
      if (restrictedKeys(statement).has('sts:externalid')) continue;
      for (const entry of principalEntries(statement)) {
        if (entry.type !== 'AWS' || entry.item.kind !== 'string') continue;
        const account = principalAccount(entry.item.value);
        if (!account || account === home) continue;
        reportAt(
          entry.item.node,
          `Account ${account} is trusted without sts:ExternalId: if it is a third party acting for several customers, anyone it serves could make it assume this role (the confused deputy). Require the external ID you agreed with it: "Condition": {"StringEquals": {"sts:ExternalId": "…"}}`,
        );
      }
    }
  },
};

import type { Rule } from '../rule';
import { claimOf } from '../../iam/oidcProviders';
import { webIdentityTrusts } from '../../model/statements';

export const cognitoUnauthenticated: Rule = {
  meta: {
    code: 'cognito-unauthenticated',
    severity: 'suggestion',
    needs: ['federated', 'condition'],
    description:
      'A Cognito identity pool role trusts unauthenticated (guest) identities: cognito-identity.amazonaws.com:amr matches "unauthenticated", or the role has no amr condition at all (guests and signed-in users alike).',
    rationale:
      'Amazon Cognito sets the amr claim to "unauthenticated" for guest identities, which anyone who runs your app — or calls GetId with the pool ID embedded in it — can obtain, without signing in (Amazon Cognito Developer Guide, "Role trust and permissions"). That is right for the pool\'s guest role, whose permissions should be minimal; on any other role it lets anyone in. Whether this is the pool\'s unauthenticated role, and the pool allows guest access, decides it: the linter cannot see the pool, so this is a suggestion. For signed-in users match "authenticated" (or a provider such as "graph.facebook.com"). A role with conditions on the pool but none on amr admits both: Amazon Cognito\'s security best practices ask for both aud and amr on every role that trusts cognito-identity.amazonaws.com, and AWS STS requires both for cross-account requests of the basic flow (Amazon Cognito Developer Guide, "Security best practices for Amazon Cognito identity pools", https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "cognito-identity.amazonaws.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012" },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" }
    }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "cognito-identity.amazonaws.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012" },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" }
    }
  }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const trusted of webIdentityTrusts(statement)) {
        if (trusted.provider.kind !== 'cognito') continue;
        // No condition at all is oidc-missing-condition's finding.
        if (trusted.conditions.length > 0 && !trusted.conditions.some((e) => claimOf(e.key) === 'amr')) {
          reportAt(
            trusted.entry.item.node,
            'No condition on cognito-identity.amazonaws.com:amr: guest (unauthenticated) identities of the pool can assume this role as well as signed-in ones, if the pool allows guest access. Whether this role is meant for both decides this; AWS recommends both aud and amr on every identity pool role: match "authenticated" (or "unauthenticated" for the guest role) with ForAnyValue:StringLike.',
          );
        }
        for (const entry of trusted.conditions) {
          if (claimOf(entry.key) !== 'amr' || !entry.op.base || entry.op.negated || entry.op.valueType !== 'String') continue;
          for (const value of entry.values) {
            if (value.kind !== 'string' || value.value.toLowerCase() !== 'unauthenticated') continue;
            reportAt(
              value.node,
              'Guest (unauthenticated) identities of the pool can assume this role: anyone with your app can get one. Whether this is the pool\'s unauthenticated role, kept to minimal permissions, decides this; otherwise match "authenticated".',
            );
          }
        }
      }
    }
  },
};

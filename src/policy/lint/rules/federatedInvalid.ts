import { federatedProvider } from '../../iam/iamData';
import type { Rule } from '../rule';

export const federatedInvalid: Rule = {
  meta: {
    code: 'federated-invalid',
    severity: 'error',
    needs: ['federated'],
    description: 'A Federated principal that names no identity provider IAM knows.',
    rationale:
      'A Federated principal is a well-known IdP (cognito-identity.amazonaws.com, accounts.google.com, www.amazon.com, graph.facebook.com) or the ARN of an IAM OIDC or SAML provider. Anything else is rejected, and a provider URL instead of its ARN is a common mistake.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "StringEquals": { "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "StringEquals": { "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main" } }
  }]
}`,
    accessAnalyzer: 'Invalid federated principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.principals) {
        if (entry.type !== 'Federated' || entry.item.kind !== 'string') continue;
        const value = entry.item.value;
        if (federatedProvider(value)) continue;
        reportAt(entry.item.node, `"${value}" is not an identity provider IAM knows: ${hintFor(value)}`);
      }
    }
  },
};

/** What is wrong with the value, as far as can be told, and how the right one looks. */
function hintFor(value: string): string {
  const arn = /^arn:([^:]*):iam::([^:]*):(saml-provider|oidc-provider)\/(.*)$/.exec(value);
  if (!arn) {
    if (/^arn:/.test(value)) return 'use arn:<partition>:iam::<12-digit account>:oidc-provider/<host> or …:saml-provider/<name>';
    return `for an OIDC provider use its IAM ARN, e.g. "arn:aws:iam::111122223333:oidc-provider/${value.replace(/^https?:\/\//, '')}"`;
  }
  const [, partition, account, kind, name] = arn as unknown as [string, string, string, string, string];
  const shape = kind === 'saml-provider' ? 'a SAML provider is arn:aws:iam::<12-digit account>:saml-provider/<name>' : 'an OIDC provider is arn:aws:iam::<12-digit account>:oidc-provider/<host and path>';
  const problems: string[] = [];
  if (!/^aws[a-z-]*$/.test(partition)) problems.push(`"${partition}" is not a partition`);
  if (!/^\d{12}$/.test(account)) problems.push(`the account "${account}" is not 12 digits`);
  if (!name) problems.push(`the ${kind === 'saml-provider' ? 'name' : 'host'} is missing`);
  else if (/[\s<>]/.test(name)) problems.push(`"${name}" has spaces or <> (a placeholder left in?)`);
  return problems.length ? `${problems.join(', ')}; ${shape}` : shape;
}

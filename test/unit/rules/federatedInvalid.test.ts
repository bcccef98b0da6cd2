import { federatedInvalid } from '../../../src/policy/lint/rules/federatedInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

const f = (Federated: unknown) => policy(statement({ Principal: { Federated }, Action: 'sts:AssumeRoleWithWebIdentity' }));

ruleTests(federatedInvalid, {
  valid: [
    f('cognito-identity.amazonaws.com'),
    f(['accounts.google.com', 'www.amazon.com', 'graph.facebook.com']),
    f('arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF'),
    f('arn:aws-us-gov:iam::111122223333:saml-provider/Okta'),
    f(12),
  ],
  invalid: [
    { name: 'provider host instead of ARN', text: f('token.actions.githubusercontent.com'), errors: [{ token: '"token.actions.githubusercontent.com"', message: /oidc-provider\/token\.actions\.githubusercontent\.com/ }] },
    { name: 'URL', text: f('https://gitlab.com'), errors: [{ token: '"https://gitlab.com"', message: /oidc-provider\/gitlab\.com/ }] },
    { name: 'malformed ARN', text: f('arn:aws:iam::111122223333:oidc/gitlab.com'), errors: [{ token: '"arn:aws:iam::111122223333:oidc/gitlab.com"', message: /saml-provider/ }] },
    // AWS's SageMaker operators guide, as published: the placeholders were never filled in.
    {
      name: 'placeholders left in the provider URL',
      text: f('arn:aws:iam::111122223333:oidc-provider/oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>'),
      errors: [{ token: '"arn:aws:iam::111122223333:oidc-provider/oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>"' }],
    },
    { name: 'a space in a SAML provider name', text: f('arn:aws:iam::111122223333:saml-provider/My IdP'), errors: [{ token: '"arn:aws:iam::111122223333:saml-provider/My IdP"', message: /"My IdP" has spaces.*a SAML provider is arn:aws:iam::<12-digit account>:saml-provider\/<name>/ }] },
    { name: 'short account in ARN', text: f('arn:aws:iam::1111:saml-provider/Okta'), errors: [{ token: '"arn:aws:iam::1111:saml-provider/Okta"', message: /the account "1111" is not 12 digits; a SAML provider is/ }] },
    // Shape: a public Okta SAML role module (held-out set 4): the account placeholder was never filled
    // in. The hint used to name oidc-provider first, for a SAML provider.
    {
      name: 'a placeholder account in a SAML provider ARN: the hint is about SAML',
      text: f('arn:aws:iam::YOUR_AWS_ACCOUNT_ID:saml-provider/Okta'),
      errors: [{ token: '"arn:aws:iam::YOUR_AWS_ACCOUNT_ID:saml-provider/Okta"', message: /^(?!.*oidc-provider).*the account "YOUR_AWS_ACCOUNT_ID" is not 12 digits; a SAML provider is/ }],
    },
    { name: 'an OIDC provider ARN without its host', text: f('arn:aws:iam::111122223333:oidc-provider/'), errors: [{ token: '"arn:aws:iam::111122223333:oidc-provider/"', message: /the host is missing; an OIDC provider is/ }] },
  ],
});

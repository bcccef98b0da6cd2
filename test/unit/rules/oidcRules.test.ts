import { oidcMissingCondition } from '../../../src/policy/lint/rules/oidcMissingCondition';
import { oidcMissingSub } from '../../../src/policy/lint/rules/oidcMissingSub';
import { oidcWildcardSub } from '../../../src/policy/lint/rules/oidcWildcardSub';
import { policy, ruleTests } from '../ruleTester';

const gh = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const eks = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC';
const web = (Federated: string, Condition?: unknown) => policy({ Effect: 'Allow', Principal: { Federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition });
const ghSub = (sub: unknown, op = 'StringLike') => web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, [op]: { 'token.actions.githubusercontent.com:sub': sub } });

ruleTests(oidcMissingCondition, {
  valid: [
    ghSub('repo:o/r:*'),
    web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' }),
    // checkov's IAMRoleAllowAssumeFromAccount-PASSED.yml: a Fn::Sub variable made the key "clusterID".
    // No request carries it, so StringEquals is false and nobody gets in (condition-key-invalid reports the key).
    { name: 'a positive condition on text that is not a condition key', text: web(eks, { StringEquals: { clusterID: '1234' } }) },
  ],
  invalid: [
    { text: web(gh), errors: [{ token: `"${gh}"`, message: /token\.actions\.githubusercontent\.com:sub and token\.actions\.githubusercontent\.com:aud/ }] },
    { name: 'conditions on another key only', text: web(eks, { StringEquals: { 'aws:SourceIp': '10.0.0.1' } }), errors: [{ token: `"${eks}"` }] },
    // A Not operator passes when the key is absent: the bogus key shuts nobody out.
    { name: 'a negated condition on text that is not a key', text: web(eks, { StringNotEquals: { clusterID: '1234' } }), errors: [{ token: `"${eks}"` }] },
    { name: 'Cognito', text: web('cognito-identity.amazonaws.com'), errors: [{ token: '"cognito-identity.amazonaws.com"', message: /cognito-identity\.amazonaws\.com:aud/ }] },
  ],
});

ruleTests(oidcMissingSub, {
  valid: [
    ghSub('repo:o/r:ref:refs/heads/main', 'StringEquals'),
    web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:repository': 'o/r' } }),
    web(eks, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ns:sa' } }),
    web(gh),
    // Issue 13 class 5: sub pinned with StringEquals to the literal "*" matches no token: the
    // role is unusable, not open (wildcard-without-like reports it).
    { name: 'sub StringEquals the literal "*"', text: ghSub('*', 'StringEquals') },
    // Providers whose audience is per customer are pinned by aud by design (identityProviders.ts).
    {
      name: 'CircleCI pinned by its organization ID audience',
      text: web('arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77', {
        StringEquals: { 'oidc.circleci.com/org/0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77:aud': '0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77' },
      }),
    },
    { name: 'a positive condition on text that is not a condition key', text: web(eks, { StringEquals: { clusterID: '1234' } }) },
    {
      // The sub key names another issuer (a customized GitHub issuer) than the trusted one: no
      // token carries it, so nobody gets in; condition-key-invalid reports the key.
      name: 'sub tested on a key of an issuer the statement does not trust',
      text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com/octo-enterprise:sub': 'repo:o/r:ref:refs/heads/main', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    },
    {
      name: 'a generic OIDC issuer pinned by its client ID audience',
      text: web('arn:aws:iam::111122223333:oidc-provider/login.example.org', { StringEquals: { 'login.example.org:aud': 'my-registered-client' } }),
    },
  ],
  invalid: [
    { name: 'aud only', text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }), errors: [{ token: `"${gh}"`, message: /token\.actions\.githubusercontent\.com:sub/ }] },
    {
      name: 'GitLab: the job chooses aud, so aud pins nobody',
      text: web('arn:aws:iam::111122223333:oidc-provider/gitlab.com', { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }),
      errors: [{ token: '"arn:aws:iam::111122223333:oidc-provider/gitlab.com"', message: /gitlab\.com:sub/ }],
    },
    {
      name: 'sub "*" with StringLike is open',
      text: ghSub('*', 'StringLike'),
      errors: [{ token: `"${gh}"` }],
    },
    { name: 'sub only through a negated operator', text: ghSub('repo:evil/*', 'StringNotLike'), errors: [{ token: `"${gh}"` }] },
    { name: 'sub only IfExists', text: ghSub('repo:o/r:*', 'StringLikeIfExists'), errors: [{ token: `"${gh}"` }] },
  ],
});

ruleTests(oidcWildcardSub, {
  valid: [ghSub('repo:o/r:*'), ghSub('repo:octo-org/*'), web(eks, { StringLike: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ns:*' } })],
  invalid: [
    { text: ghSub('repo:*'), errors: [{ token: '"repo:*"', message: /any owner/ }] },
    { text: ghSub(['repo:o/r:*', 'repo:octo*']), errors: [{ token: '"repo:octo*"' }] },
    { text: ghSub('*'), errors: [{ token: '"*"' }] },
    { name: 'EKS any namespace', text: web(eks, { StringLike: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*' } }), errors: [{ token: '"system:serviceaccount:*"' }] },
  ],
});

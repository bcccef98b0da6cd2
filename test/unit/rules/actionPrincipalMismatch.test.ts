import { actionPrincipalMismatch } from '../../../src/policy/lint/rules/actionPrincipalMismatch';
import { policy, ruleTests, statement } from '../ruleTester';

const saml = 'arn:aws:iam::111122223333:saml-provider/Okta';
const oidc = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const s = (Principal: unknown, Action: unknown) => policy(statement({ Principal, Action, Condition: undefined }));

ruleTests(actionPrincipalMismatch, {
  valid: [
    s({ Federated: saml }, 'sts:AssumeRoleWithSAML'),
    // NotAction that leaves the principal's call in (it allows more than it should, but lets it in).
    policy(statement({ Principal: { Service: 'ec2.amazonaws.com' }, Action: undefined, NotAction: 'sts:TagSession', Condition: undefined })),
    policy(statement({ Principal: { Federated: saml }, Action: undefined, NotAction: 'sts:AssumeRole', Condition: undefined })),
    policy(statement({ Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: undefined, NotAction: 'sts:AssumeRole', Condition: undefined })),
    s({ Federated: oidc }, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']),
    s({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWith*'),
    s({ AWS: '111122223333' }, 'sts:AssumeRole'),
    s({ Service: 'ec2.amazonaws.com' }, '*'),
    s({ Federated: 'not-a-provider' }, 'sts:AssumeRole'),
    {
      // Issue 13 class 3: AWS's documented shape (IAM User Guide, "Monitor and control actions taken with assumed roles").
      name: 'sts:SetSourceIdentity given to a SAML provider beside its AssumeRoleWithSAML statement',
      text: policy(
        { Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } },
        { Effect: 'Allow', Principal: { Federated: saml }, Action: ['sts:SetSourceIdentity'], Condition: { StringLike: { 'sts:SourceIdentity': ['alice', 'bob'] } } },
      ),
    },
    {
      name: 'sts:TagSession given to an OIDC provider beside its AssumeRoleWithWebIdentity statement',
      text: policy(
        { Effect: 'Allow', Principal: { Federated: oidc }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } } },
        { Effect: 'Allow', Principal: { Federated: oidc }, Action: 'sts:TagSession' },
      ),
    },
  ],
  invalid: [
    // Shape: cfn_nag's spec/test_templates/json/iam_role/iam_role_not_action_on_trust.json (held-out set 5).
    {
      name: 'NotAction that leaves out the service\'s AssumeRole',
      text: policy(statement({ Principal: { Service: 'ec2.amazonaws.com' }, Action: undefined, NotAction: 'sts:AssumeRole', Condition: undefined })),
      errors: [{ token: '"sts:AssumeRole"', message: /NotAction leaves out .*ec2\.amazonaws\.com signs in with sts:AssumeRole/ }],
    },
    {
      name: 'NotAction sts:* for an OIDC provider',
      text: policy(statement({ Principal: { Federated: oidc }, Action: undefined, NotAction: ['sts:*'], Condition: undefined })),
      errors: [{ token: '[', message: /sts:AssumeRoleWithWebIdentity/ }],
    },
    { name: 'SAML with AssumeRole', text: s({ Federated: saml }, 'sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"', message: /sts:AssumeRoleWithSAML/ }] },
    { name: 'OIDC with SAML action', text: s({ Federated: oidc }, ['sts:AssumeRoleWithSAML']), errors: [{ token: '[', message: /sts:AssumeRoleWithWebIdentity/ }] },
    { name: 'Google with AssumeRole', text: s({ Federated: 'accounts.google.com' }, 'sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"' }] },
    {
      name: 'a companion action alone, with no AssumeRoleWithSAML anywhere',
      text: s({ Federated: saml }, 'sts:SetSourceIdentity'),
      errors: [{ token: '"sts:SetSourceIdentity"', message: /sts:AssumeRoleWithSAML/ }],
    },
    {
      name: 'AssumeRole (not a companion) beside an AssumeRoleWithSAML statement is still wrong',
      text: policy(
        { Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML' },
        { Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRole' },
      ),
      errors: [{ token: '"sts:AssumeRole"', message: /sts:AssumeRoleWithSAML/ }],
    },
    { name: 'service with web identity only', text: s({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity'), errors: [{ token: '"sts:AssumeRoleWithWebIdentity"', message: /call sts:AssumeRole/ }] },
  ],
});

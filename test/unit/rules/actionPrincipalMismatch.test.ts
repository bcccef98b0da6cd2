import { actionPrincipalMismatch } from '../../../src/policy/lint/rules/actionPrincipalMismatch';
import { policy, ruleTests, statement } from '../ruleTester';

const saml = 'arn:aws:iam::111122223333:saml-provider/Okta';
const oidc = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const s = (Principal: unknown, Action: unknown) => policy(statement({ Principal, Action, Condition: undefined }));

ruleTests(actionPrincipalMismatch, {
  valid: [
    s({ Federated: saml }, 'sts:AssumeRoleWithSAML'),
    s({ Federated: oidc }, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']),
    s({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWith*'),
    s({ AWS: '111122223333' }, 'sts:AssumeRole'),
    s({ Service: 'ec2.amazonaws.com' }, '*'),
    s({ Federated: 'not-a-provider' }, 'sts:AssumeRole'),
  ],
  invalid: [
    { name: 'SAML with AssumeRole', text: s({ Federated: saml }, 'sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"', message: /sts:AssumeRoleWithSAML/ }] },
    { name: 'OIDC with SAML action', text: s({ Federated: oidc }, ['sts:AssumeRoleWithSAML']), errors: [{ token: '[', message: /sts:AssumeRoleWithWebIdentity/ }] },
    { name: 'Google with AssumeRole', text: s({ Federated: 'accounts.google.com' }, 'sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"' }] },
    { name: 'service with web identity only', text: s({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity'), errors: [{ token: '"sts:AssumeRoleWithWebIdentity"', message: /call sts:AssumeRole/ }] },
  ],
});

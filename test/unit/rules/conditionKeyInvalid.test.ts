import { conditionKeyInvalid } from '../../../src/policy/lint/rules/conditionKeyInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

const eks = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const k = (key: string, Principal: unknown = { AWS: '111122223333' }) => policy(statement({ Principal, Condition: { StringEquals: { [key]: 'v' } } }));

ruleTests(conditionKeyInvalid, {
  valid: [
    k('sts:ExternalId'),
    k('AWS:sourceaccount'),
    k('aws:RequestTag/team'),
    k('aws:PrincipalTag/department'),
    k('SAML:aud'),
    k('token.actions.githubusercontent.com:repository'),
    k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub', { Federated: eks }),
    k('gitlab.com:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' }),
    k('app.terraform.io:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io' }),
    k('token.actions.githubusercontent.com:repository', { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }),
    k('s3:prefix'),
  ],
  invalid: [
    { name: 'misspelt global key', text: k('aws:SourceAcount'), errors: [{ token: '"aws:SourceAcount"', message: /did you mean "aws:SourceAccount"/ }] },
    { name: 'unknown sts key', text: k('sts:ExternalID2'), errors: [{ token: '"sts:ExternalID2"', message: /sts service has no condition key/ }] },
    { name: 'malformed', text: k('ExternalId'), errors: [{ token: '"ExternalId"', message: /keys look like "prefix:name"/ }] },
    { name: 'provider not trusted', text: k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub'), errors: [{ token: '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub"', message: /does not trust/ }] },
    { name: 'unknown claim of a trusted provider', text: k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:namespace', { Federated: eks }), errors: [{ token: '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:namespace"', message: /no claim "namespace"/ }] },
    { name: 'GitHub sub in a statement that does not trust GitHub', text: k('token.actions.githubusercontent.com:sub'), errors: [{ token: '"token.actions.githubusercontent.com:sub"', message: /does not trust/ }] },
    { name: 'unknown prefix', text: k('foo:bar'), errors: [{ token: '"foo:bar"', message: /no service or identity provider "foo"/ }] },
  ],
});

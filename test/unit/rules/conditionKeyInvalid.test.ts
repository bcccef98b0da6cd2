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
    // Tag keys may hold colons (AWS allows `:` in tag keys; CloudFormation's own are aws:cloudformation:…).
    k('aws:PrincipalTag/team:name'),
    k('aws:RequestTag/aws:cloudformation:stack-name'),
    k('iam:ResourceTag/cost:center'),
    k('SAML:aud'),
    k('token.actions.githubusercontent.com:repository'),
    k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub', { Federated: eks }),
    k('gitlab.com:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' }),
    k('app.terraform.io:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io' }),
    k('token.actions.githubusercontent.com:repository', { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }),
    k('s3:prefix'),
    // Issue 13 class 4: a malformed Federated ARN is federated-invalid's one finding; the claims
    // of the provider it meant to name are not reported again as "does not trust".
    { name: 'claims of an 11-digit-account provider ARN', text: k('token.actions.githubusercontent.com:aud', { Federated: 'arn:aws:iam::11112222333:oidc-provider/token.actions.githubusercontent.com' }) },
    { name: 'claims of a placeholder provider ARN', text: k('oidc.eks.us-east-2.amazonaws.com/id/0A1B2C:sub', { Federated: 'arn:aws:iam::<AWS_ACCOUNT_ID>:oidc-provider/<OIDC_PROVIDER>' }) },
    // Held-out set 2: AWS's SageMaker operators guide, as published (placeholders with spaces).
    {
      name: 'a claim of a provider whose URL holds placeholders with spaces',
      text: k('oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>' }),
    },
    { name: 'placeholder key prefix beside a placeholder provider', text: k('<OIDC_PROVIDER>:aud', { Federated: 'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/<OIDC_PROVIDER>' }) },
  ],
  invalid: [
    { name: 'misspelt global key', text: k('aws:SourceAcount'), errors: [{ token: '"aws:SourceAcount"', message: /did you mean "aws:SourceAccount"/ }] },
    { name: 'unknown sts key', text: k('sts:ExternalID2'), errors: [{ token: '"sts:ExternalID2"', message: /sts service has no condition key/ }] },
    {
      name: 'a key with spaces beside an unreadable provider it does not name is still malformed',
      text: k('my claim:sub', { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>' }),
      errors: [{ token: '"my claim:sub"', message: /keys look like "prefix:name"/ }],
    },
    { name: 'malformed', text: k('ExternalId'), errors: [{ token: '"ExternalId"', message: /keys look like "prefix:name"/ }] },
    { name: 'provider not trusted', text: k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub'), errors: [{ token: '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub"', message: /does not trust/ }] },
    { name: 'unknown claim of a trusted provider', text: k('oidc.eks.eu-west-1.amazonaws.com/id/ABC123:namespace', { Federated: eks }), errors: [{ token: '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:namespace"', message: /no claim "namespace"/ }] },
    { name: 'GitHub sub in a statement that does not trust GitHub', text: k('token.actions.githubusercontent.com:sub'), errors: [{ token: '"token.actions.githubusercontent.com:sub"', message: /does not trust/ }] },
    {
      name: 'a misspelt global key beside a malformed provider is still reported',
      text: k('aws:SourceAcount', { Federated: 'arn:aws:iam::<AWS_ACCOUNT_ID>:oidc-provider/gitlab.com' }),
      errors: [{ token: '"aws:SourceAcount"', message: /did you mean/ }],
    },
    { name: 'unknown prefix', text: k('foo:bar'), errors: [{ token: '"foo:bar"', message: /no service or identity provider "foo"/ }] },
  ],
});

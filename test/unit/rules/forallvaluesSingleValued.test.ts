import { forallvaluesSingleValued } from '../../../src/policy/lint/rules/forallvaluesSingleValued';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(forallvaluesSingleValued, {
  valid: [
    c({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }),
    c({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a/*' } }),
    c({ StringEquals: { 'aws:PrincipalOrgID': 'o-a' } }),
    // Cognito's amr is a list: the set operator is the documented way (IAM User Guide, web identity keys).
    c({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
    c({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } }),
  ],
  invalid: [
    { text: c({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a' } }), errors: [{ token: '"aws:PrincipalOrgID"', message: /true when it is absent\. Use StringEquals/ }] },
    { text: c({ 'ForAnyValue:StringEqualsIfExists': { 'sts:ExternalId': 'x' } }), errors: [{ token: '"sts:ExternalId"', message: /use StringEqualsIfExists/ }] },
    // An OIDC token's sub and aud are single strings; the IAM data does not list provider claims.
    {
      text: c({ 'ForAllValues:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }),
      errors: [{ token: '"token.actions.githubusercontent.com:sub"', message: /true when it is absent\. Use StringLike/ }],
    },
    {
      text: c({ 'ForAnyValue:StringEquals': { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } }),
      errors: [{ token: '"oidc.eks.us-east-1.amazonaws.com/id/ABC:aud"', message: /use StringEquals instead/ }],
    },
  ],
});

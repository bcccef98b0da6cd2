import { forallvaluesSingleValued } from '../../../src/policy/lint/rules/forallvaluesSingleValued';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(forallvaluesSingleValued, {
  valid: [c({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }), c({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a/*' } }), c({ StringEquals: { 'aws:PrincipalOrgID': 'o-a' } })],
  invalid: [
    { text: c({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a' } }), errors: [{ token: '"aws:PrincipalOrgID"', message: /true when it is absent\. Use StringEquals/ }] },
    { text: c({ 'ForAnyValue:StringEqualsIfExists': { 'sts:ExternalId': 'x' } }), errors: [{ token: '"sts:ExternalId"', message: /use StringEqualsIfExists/ }] },
  ],
});

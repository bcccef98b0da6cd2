import assert from 'node:assert/strict';
import { it } from 'node:test';
import { policyVariables } from '../../../src/policy/iam/policyVariables';
import { runRules } from '../../../src/policy/lint/lint';
import { RULES } from '../../../src/policy/lint/rules';
import { policyVariableInvalid } from '../../../src/policy/lint/rules/policyVariableInvalid';
import { policyVariableNotAllowed } from '../../../src/policy/lint/rules/policyVariableNotAllowed';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));
const legacy = (text: string) => text.replace('"2012-10-17"', '"2008-10-17"');
const unversioned = (text: string) => text.replace('"Version": "2012-10-17",', '');

// Syntax: IAM User Guide, Variables and tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
ruleTests(policyVariableInvalid, {
  valid: [
    c({ StringEquals: { 'aws:PrincipalTag/team': '${aws:RequestTag/team}' } }),
    c({ StringLike: { 'sts:RoleSessionName': ['${aws:username}', '${aws:PrincipalTag/team, \'none\'}', 'literal-${*}-${?}-${$}'] } }),
    { name: 'a $ without a brace is literal', text: c({ StringEquals: { 'sts:ExternalId': 'price$5{x}' } }) },
    { name: 'under 2008-10-17 a variable is literal text (policy-variable-not-allowed)', text: legacy(c({ StringEquals: { 'sts:ExternalId': '${aws:username' } })) },
  ],
  invalid: [
    { name: 'missing brace', text: c({ StringEquals: { 'aws:PrincipalTag/team': '${aws:RequestTag/team' } }), errors: [{ token: '"${aws:RequestTag/team"', message: /no closing brace/ }] },
    { name: 'missing brace before the next variable', text: c({ StringLike: { 'sts:RoleSessionName': '${aws:username-${aws:userid}' } }), errors: [{ token: '"${aws:username-${aws:userid}"', message: /\$\{aws:username- has no closing brace/ }] },
    { name: 'empty', text: c({ StringEquals: { 'sts:RoleSessionName': 'x-${}' } }), errors: [{ token: '"x-${}"', message: /is empty/ }] },
    { name: 'blank', text: c({ StringEquals: { 'sts:RoleSessionName': '${ }' } }), errors: [{ token: '"${ }"', message: /is empty/ }] },
    { name: 'space in the name', text: c({ StringEquals: { 'sts:RoleSessionName': '${aws: username}' } }), errors: [{ token: '"${aws: username}"', message: /space/ }] },
    { name: 'default without quotes', text: c({ StringEquals: { 'sts:RoleSessionName': '${aws:username, anonymous}' } }), errors: [{ token: '"${aws:username, anonymous}"', message: /single quotes/ }] },
    { name: 'default with one quote', text: c({ StringEquals: { 'sts:RoleSessionName': "${aws:username, 'anonymous}" } }), errors: [{ token: '"${aws:username, \'anonymous}"', message: /single quotes/ }] },
  ],
});

// Where: IAM User Guide, "Where you can use policy variables"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse).
ruleTests(policyVariableNotAllowed, {
  valid: [
    c({ StringEquals: { 'aws:PrincipalTag/team': '${aws:RequestTag/team}' } }),
    c({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/ci-*' } }),
    c({ StringEqualsIfExists: { 'aws:PrincipalTag/team': '${aws:RequestTag/team}' } }),
    { name: 'legacy version without variables', text: legacy(c({ StringEquals: { 'sts:ExternalId': 'abc' } })) },
    { name: 'a principal that IAM refuses anyway is principal-invalid\'s', text: policy(statement({ Principal: { AWS: 'arn:aws:iam::${AccountId}:root' } })) },
    { name: 'an action with a variable is action-invalid\'s', text: policy(statement({ Action: 'sts:${x}' })) },
  ],
  invalid: [
    { name: 'under 2008-10-17', text: legacy(c({ StringEquals: { 'aws:PrincipalTag/team': '${aws:RequestTag/team}' } })), errors: [{ token: '"${aws:RequestTag/team}"', message: /under Version 2008-10-17 policy variables are literal text/ }] },
    { name: 'without Version', text: unversioned(c({ StringLike: { 'sts:RoleSessionName': '${aws:username}' } })), errors: [{ token: '"${aws:username}"', message: /no Version, so IAM reads it as 2008-10-17/ }] },
    { name: 'Numeric operator', text: c({ NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:PrincipalTag/maxAge}' } }), errors: [{ token: '"${aws:PrincipalTag/maxAge}"', message: /NumericLessThan does not resolve policy variables/ }] },
    { name: 'Bool operator', text: c({ Bool: { 'aws:MultiFactorAuthPresent': '${aws:PrincipalTag/mfa}' } }), errors: [{ token: '"${aws:PrincipalTag/mfa}"', message: /true or false/ }] },
    { name: 'IpAddress operator', text: c({ IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/cidr}' } }), errors: [{ token: '"${aws:PrincipalTag/cidr}"', message: /IP address/ }] },
    { name: 'in a role principal', text: policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:role/${aws:username}' } })), errors: [{ token: '"arn:aws:iam::111122223333:role/${aws:username}"', message: /not allowed in a principal/ }] },
  ],
});

it('policy variables: ${*}, ${?}, ${$} are valid; a long run of ${ without } is scanned in linear time', () => {
  assert.deepEqual(policyVariables('${*}${?}${$}').map((v) => v.problem), [undefined, undefined, undefined]);
  const hostile = '${'.repeat(100_000);
  assert.equal(policyVariables(hostile).length, 100_000);
});

it('policy variables: one finding for a principal with a variable among all rules', () => {
  const codes = runRules(policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:role/${aws:username}' } })), RULES).map((f) => f.code);
  assert.deepEqual(codes.filter((code) => code.startsWith('principal') || code.startsWith('policy-variable')), ['policy-variable-not-allowed']);
});

import { conditionTypeMismatch } from '../../../src/policy/lint/rules/conditionTypeMismatch';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(conditionTypeMismatch, {
  valid: [
    c({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, BoolIfExists: { 'aws:SecureTransport': true } }),
    c({ NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } }),
    c({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, DateLessThan: { 'aws:EpochTime': '1767225600' } }),
    c({ DateLessThan: { 'aws:CurrentTime': ['2028-02-29', '2026-12-31T23:59:59Z'] } }),
    c({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'] } }),
    c({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } }),
    c({ StringEquals: { 'aws:PrincipalArn': 'x', 'aws:MultiFactorAuthAge': '3' } }),
    c({ Null: { 'sts:ExternalId': 'false' } }),
    c({ ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/x' } }),
  ],
  invalid: [
    { name: 'Bool value', text: c({ Bool: { 'aws:SecureTransport': 'yes' } }), errors: [{ token: '"yes"', message: /not true or false/ }] },
    { name: 'Numeric value', text: c({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } }), errors: [{ token: '"one hour"', message: /not a number/ }] },
    { name: 'Date value', text: c({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }), errors: [{ token: '"tomorrow"', message: /not a date/ }] },
    { name: 'a day the month does not have', text: c({ DateLessThan: { 'aws:CurrentTime': '2026-02-29T00:00:00Z' } }), errors: [{ token: '"2026-02-29T00:00:00Z"', message: /month 2 of 2026 has 28 days/ }] },
    { name: 'April 31st', text: c({ DateGreaterThan: { 'aws:CurrentTime': '2026-04-31' } }), errors: [{ token: '"2026-04-31"', message: /not a date/ }] },
    { name: 'IP value', text: c({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }), errors: [{ token: '"10.0.0.0/33"' }] },
    { name: 'ARN value', text: c({ ArnLike: { 'aws:SourceArn': 'my-function' } }), errors: [{ token: '"my-function"', message: /not an ARN/ }] },
    { name: 'Null value', text: c({ Null: { 'sts:ExternalId': 'no' } }), errors: [{ token: '"no"' }] },
    { name: 'nested object', text: c({ StringEquals: { 'sts:ExternalId': [{ a: 1 }] } }), errors: [{ token: '{', line: 13, message: /not an object/ }] },
    { name: 'Bool operator on a String key', text: c({ Bool: { 'sts:ExternalId': 'true' } }), errors: [{ token: '"sts:ExternalId"', message: /String key: Bool \(Bool\) never matches/ }] },
    { name: 'IpAddress on a String key', text: c({ IpAddress: { 'aws:PrincipalAccount': '10.0.0.1' } }), errors: [{ token: '"aws:PrincipalAccount"' }] },
  ],
});

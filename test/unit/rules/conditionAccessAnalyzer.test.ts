import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runRules } from '../../../src/policy/lint/lint';
import { conditionMultipleBool } from '../../../src/policy/lint/rules/conditionMultipleBool';
import { ipRangeHostBits } from '../../../src/policy/lint/rules/ipRangeHostBits';
import { sourceIpPrivate } from '../../../src/policy/lint/rules/sourceIpPrivate';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(conditionMultipleBool, {
  valid: [
    c({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    c({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }),
    c({ Null: { 'sts:ExternalId': 'false' } }),
    { name: 'a non-boolean value is condition-type-mismatch\'s', text: c({ Bool: { 'aws:SecureTransport': ['true', 'yes'] } }) },
    { name: 'a String key with two values', text: c({ StringEquals: { 'sts:ExternalId': ['true', 'false'] } }) },
  ],
  invalid: [
    { name: 'true and false', text: c({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } }), errors: [{ token: '[', line: 12, message: /both true and false matches whenever the key is present/ }] },
    { name: 'JSON booleans, any case, IfExists', text: c({ BoolIfExists: { 'aws:SecureTransport': [true, 'FALSE'] } }), errors: [{ token: '[', line: 12 }] },
    { name: 'Null with both', text: c({ Null: { 'sts:ExternalId': ['true', 'false'] } }), errors: [{ token: '[', line: 12, message: /always/ }] },
  ],
});

it('condition-multiple-bool: the same value twice is only a suggestion', () => {
  const found = runRules(c({ Bool: { 'aws:SecureTransport': ['true', 'true'] } }), [conditionMultipleBool]);
  assert.deepEqual(found.map((f) => [f.code, f.severity]), [['condition-multiple-bool', 'suggestion']]);
});

// aws:SourceIp is a public address (IAM User Guide, Access Analyzer "Private IP address":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-private-ip-address).
ruleTests(sourceIpPrivate, {
  valid: [
    c({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }),
    c({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }),
    { name: 'not an address: condition-type-mismatch\'s', text: c({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/33'] } }) },
    { name: '172.32.0.0 is public', text: c({ IpAddress: { 'aws:SourceIp': '172.32.0.0/16' } }) },
  ],
  invalid: [
    { name: 'only private', text: c({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24', '172.16.5.4'] } }), errors: [{ token: '"aws:SourceIp"', message: /never matches/ }] },
    { name: 'IPv6 unique local', text: c({ IpAddress: { 'aws:SourceIp': 'fd00::/8' } }), errors: [{ token: '"aws:SourceIp"' }] },
  ],
});

it('source-ip-private: NotIpAddress and IfExists are warnings, a private range beside public ones a suggestion', () => {
  const severities = (Condition: unknown) => runRules(c(Condition), [sourceIpPrivate]).map((f) => `${f.severity} ${f.message.slice(0, 40)}`);
  assert.deepEqual(severities({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), ['warning NotIpAddress with only private ranges al']);
  assert.deepEqual(severities({ IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }), ['warning IpAddressIfExists with only private rang']);
  assert.deepEqual(severities({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.1.0.0/16'] } }), ['suggestion "10.1.0.0/16" is a private range: aws:So']);
});

ruleTests(ipRangeHostBits, {
  valid: [c({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '203.0.113.7', '203.0.113.7/32', '2001:db8::/32', '0.0.0.0/0'] } })],
  invalid: [
    { name: 'IPv4', text: c({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } }), errors: [{ token: '"203.0.113.7/24"', message: /it means 203\.0\.113\.0\/24/ }] },
    { name: 'IPv6', text: c({ NotIpAddress: { 'aws:SourceIp': '2001:db8::1/32' } }), errors: [{ token: '"2001:db8::1/32"', message: /2001:db8::\/32/ }] },
  ],
});

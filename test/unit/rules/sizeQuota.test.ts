import { sizeExceedsDefaultQuota } from '../../../src/policy/lint/rules/sizeExceedsDefaultQuota';
import { sizeExceedsQuota } from '../../../src/policy/lint/rules/sizeExceedsQuota';
import { policy, ruleTests, statement } from '../ruleTester';

const accounts = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`);
/** Whitespace does not count, however much of it there is. */
const padded = JSON.stringify(JSON.parse(policy(statement({ Principal: { AWS: accounts(50) } }))), null, 40);

ruleTests(sizeExceedsQuota, {
  valid: [policy(statement()), { name: 'whitespace is not counted', text: padded }, policy(statement({ Principal: { AWS: accounts(100) } }))],
  invalid: [{ text: policy(statement({ Principal: { AWS: accounts(140) } })), errors: [{ token: '{', line: 1, message: /at most 4096/ }] }],
});

ruleTests(sizeExceedsDefaultQuota, {
  valid: [policy(statement()), { name: 'whitespace is not counted', text: padded }, { name: 'above the maximum it is an error instead', text: policy(statement({ Principal: { AWS: accounts(140) } })) }],
  invalid: [{ text: policy(statement({ Principal: { AWS: accounts(100) } })), errors: [{ token: '{', message: /over the default quota of 2048/ }] }],
});

import { sidInvalid } from '../../../src/policy/lint/rules/sidInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(sidInvalid, {
  valid: [policy(statement({ Sid: 'TrustAccount1' })), policy(statement()), { name: 'empty is empty-value\'s', text: policy(statement({ Sid: '' })) }],
  invalid: [
    { name: 'spaces', text: policy(statement({ Sid: 'Trust EC2' })), errors: [{ token: '"Trust EC2"', message: /remove " " \(e\.g\. "TrustEC2"\)/ }] },
    { name: 'hyphen and underscore', text: policy(statement({ Sid: 'a-b_c' })), errors: [{ token: '"a-b_c"', message: /"-", "_"/ }] },
    { name: 'non-ASCII letter', text: policy(statement({ Sid: 'Vertrauensstellungé' })), errors: [{ token: '"Vertrauensstellungé"' }] },
    // Held-out set 9: a YAML `Sid: 1` (aws-samples/serverless-patterns codecommit-s3).
    { name: 'number', text: policy(statement({ Sid: 1 })), errors: [{ token: '1', message: /Sid is the number 1, not a string: quote it \("1"; in YAML Sid: "1"\)/ }] },
    { name: 'not a string', text: policy(statement({ Sid: true })), errors: [{ token: 'true', message: /must be a string/ }] },
  ],
});

import { emptyValue } from '../../../src/policy/lint/rules/emptyValue';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(emptyValue, {
  valid: [
    policy(statement()),
    policy(statement({ Condition: undefined, Sid: 'A' })),
    // Issue 13 class 2: IAM accepts "Sid": "" and AWS's own examples (ECS, EKS, Firehose) use it.
    { name: 'empty Sid, as in AWS examples', text: policy({ Sid: '', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { name: 'empty Principal map', text: policy(statement({ Principal: {} })), errors: [{ token: '{', line: 6, message: /Principal is empty/ }] },
    { name: 'empty principal list', text: policy(statement({ Principal: { AWS: [] } })), errors: [{ token: '[', message: /AWS principal list is empty/ }] },
    { name: 'empty NotPrincipal list', text: policy(statement({ NotPrincipal: [] })), errors: [{ token: '[', message: /NotPrincipal is empty/ }] },
    { name: 'empty Condition', text: policy(statement({ Condition: {} })), errors: [{ token: '{', message: /Condition is empty/ }] },
    { name: 'empty operator block', text: policy(statement({ Condition: { StringEquals: {} } })), errors: [{ token: '{', message: /StringEquals block is empty/ }] },
    { name: 'empty value list', text: policy(statement({ Condition: { StringEquals: { 'sts:ExternalId': [] } } })), errors: [{ token: '[', message: /No values for sts:ExternalId/ }] },
  ],
});

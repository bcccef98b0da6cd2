import { principalInvalid } from '../../../src/policy/lint/rules/principalInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

const p = (Principal: unknown) => policy(statement({ Principal }));

ruleTests(principalInvalid, {
  valid: [
    p('*'),
    p({ AWS: '*' }),
    p({ AWS: ['111122223333', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/path/Deploy', 'arn:aws:iam::111122223333:user/alice'] }),
    p({ AWS: ['arn:aws:iam::111122223333:role/service-role/my.role+x=y,z@w_v-u', 'arn:aws:iam::111122223333:role/odd#path!/Name'] }),
    p({ AWS: ['arn:aws:sts::111122223333:assumed-role/Admin/alice', 'arn:aws-cn:iam::111122223333:root', 'arn:aws-us-gov:iam::111122223333:role/x', 'arn:aws:sts::111122223333:federated-user/bob'] }),
    p({ Service: ['lambda.amazonaws.com', 'logs.eu-west-1.amazonaws.com', 'ec2.amazonaws.com.cn'] }),
    p({ Federated: 'not-checked-here' }),
    p({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }),
    // Reported once, by principal-unique-id, principal-wildcard-unsupported and service-principal-case:
    { name: 'a mis-cased service principal', text: p({ Service: 'Lambda.amazonaws.com' }) },
    { name: 'a role unique ID', text: p({ AWS: ['AROAJND24IEWKTX6BABJI', 'AIDAJQABLZS4A3QDU576Q'] }) },
    { name: 'wildcards inside principals', text: p({ AWS: ['arn:aws:iam::111122223333:role/deploy-*', 'arn:aws:iam::*:root'], Service: '*.amazonaws.com' }) },
  ],
  invalid: [
    // AWS's Firehose guide (held-out set 15) prints the CloudWatch Logs principal with a Region placeholder.
    { name: 'a Region placeholder in a service principal', text: p({ Service: ['logs.your-region.amazonaws.com', 'logs.region.amazonaws.com'] }), errors: [{ token: '"logs.your-region.amazonaws.com"', message: /"your-region" in "logs\.your-region\.amazonaws\.com" stands for a Region: write one \(logs\.us-east-1\.amazonaws\.com\)/ }, { token: '"logs.region.amazonaws.com"' }] },
    // AWS's Control Tower guide (held-out set 3) prints this role with a trailing space.
    { name: 'a role name with a trailing space', text: p({ AWS: 'arn:aws:iam::111122223333:role/aws-controltower-AuditReadOnlyRole ' }), errors: [{ token: '"arn:aws:iam::111122223333:role/aws-controltower-AuditReadOnlyRole "', message: /names no role that can exist: .*a space/ }] },
    { name: 'a user name with "#"', text: p({ AWS: 'arn:aws:iam::111122223333:user/ops#1' }), errors: [{ token: '"arn:aws:iam::111122223333:user/ops#1"', message: /"#"/ }] },
    { name: 'a placeholder role name', text: p({ AWS: 'arn:aws:iam::111122223333:role/<RoleName>' }), errors: [{ token: '"arn:aws:iam::111122223333:role/<RoleName>"', message: /"<"/ }] },
    { name: 'a session name with a space', text: p({ AWS: 'arn:aws:sts::111122223333:assumed-role/Admin/my session' }), errors: [{ token: '"arn:aws:sts::111122223333:assumed-role/Admin/my session"', message: /a space/ }] },
    { name: 'an access key ID', text: p({ AWS: 'AKIAIOSFODNN7EXAMPLE' }), errors: [{ token: '"AKIAIOSFODNN7EXAMPLE"', message: /unique ID of an access key, which cannot be a principal/ }] },
    { name: 'a user group ID', text: p({ AWS: 'AGPAJQABLZS4A3QDU576Q' }), errors: [{ token: '"AGPAJQABLZS4A3QDU576Q"', message: /user group/ }] },
    { name: 'short account ID', text: p({ AWS: '11112222333' }), errors: [{ token: '"11112222333"', message: /exactly 12 digits/ }] },
    { name: 'short account in an ARN', text: p({ AWS: 'arn:aws:iam::1111:root' }), errors: [{ token: '"arn:aws:iam::1111:root"', message: /"1111" in/ }] },
    { name: 'unknown partition', text: p({ AWS: 'arn:amazon:iam::111122223333:root' }), errors: [{ token: '"arn:amazon:iam::111122223333:root"', message: /Unknown partition "amazon"/ }] },
    { name: 'not a principal ARN', text: p({ AWS: 'arn:aws:s3:::bucket' }), errors: [{ token: '"arn:aws:s3:::bucket"' }] },
    { name: 'plain name', text: p({ AWS: 'alice' }), errors: [{ token: '"alice"', message: /neither a 12-digit account ID nor an ARN/ }] },
    // Held-out set 8 (iam-vulnerable, CloudGoat): a service principal under "AWS".
    { name: 'a service principal under AWS', text: p({ AWS: 'ec2.amazonaws.com' }), errors: [{ token: '"ec2.amazonaws.com"', message: /is a service principal, which belongs under "Service", not "AWS"/ }] },
    { name: 'unknown type key, case', text: p({ Aws: '111122223333' }), errors: [{ token: '"Aws"', message: /did you mean "AWS"/ }] },
    { name: 'service short name', text: p({ Service: 'lambda' }), errors: [{ token: '"lambda"', message: /did you mean "lambda\.amazonaws\.com"/ }] },
    // Held-out set 9 (aws-samples/serverless-patterns): an internal service principal in AWS's own
    // sample. Whether IAM knows the name decides it: a suggestion, not an error.
    {
      name: 'a service principal in another domain',
      text: p({ Service: ['states.amazonaws.com', 'preprod.states.aws.internal'] }),
      errors: [{ token: '"preprod.states.aws.internal"', severity: 'suggestion', message: /not a service principal of the usual form .*unless AWS documents it/ }],
    },
    { name: 'not a host name at all', text: p({ Service: 'Lambda service' }), errors: [{ token: '"Lambda service"', message: /they look like "lambda\.amazonaws\.com"/ }] },
    { name: 'bare string other than *', text: p('111122223333'), errors: [{ token: '"111122223333"', message: /must be "\*" or a map/ }] },
    { name: 'number in a list', text: p({ AWS: ['111122223333', 111122223333] }), errors: [{ token: '111122223333', line: 9, message: /must be a string, not a number/ }] },
    { name: 'bad canonical user', text: p({ CanonicalUser: 'abc' }), errors: [{ token: '"abc"' }] },
  ],
});

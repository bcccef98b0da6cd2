import { principalWildcardUnsupported } from '../../../src/policy/lint/rules/principalWildcardUnsupported';
import { policy, ruleTests, statement } from '../ruleTester';

const p = (Principal: unknown) => policy(statement({ Principal }));

// What IAM accepts and refuses: IAM User Guide, Principal element, "All principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous).
ruleTests(principalWildcardUnsupported, {
  valid: [
    p('*'),
    p({ AWS: '*' }),
    p({ AWS: ['*', 'arn:aws:iam::111122223333:root'] }),
    p({ AWS: 'arn:aws:iam::111122223333:role/deploy' }),
    p({ Service: 'lambda.amazonaws.com' }),
    { name: 'Federated values are federated-invalid\'s', text: p({ Federated: 'arn:aws:iam::111122223333:oidc-provider/*' }) },
    { name: 'a condition pattern is fine', text: policy(statement({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } } })) },
  ],
  invalid: [
    { name: 'wildcard account in a role ARN', text: p({ AWS: 'arn:aws:iam::*:role/x' }), errors: [{ token: '"arn:aws:iam::*:role/x"', message: /IAM refuses wildcards inside a principal/ }] },
    { name: 'partial wildcard in a role name', text: p({ AWS: 'arn:aws:iam::111122223333:role/deploy-*' }), errors: [{ token: '"arn:aws:iam::111122223333:role/deploy-*"', message: /aws:PrincipalArn/ }] },
    { name: 'every session of a role', text: p({ AWS: 'arn:aws:sts::111122223333:assumed-role/Admin/*' }), errors: [{ token: '"arn:aws:sts::111122223333:assumed-role/Admin/*"' }] },
    { name: 'question mark', text: p({ AWS: 'arn:aws:iam::111122223333:user/a?c' }), errors: [{ token: '"arn:aws:iam::111122223333:user/a?c"' }] },
    { name: 'wildcard account ID', text: p({ AWS: '*:root' }), errors: [{ token: '"*:root"' }] },
    { name: 'service wildcard', text: p({ Service: '*.amazonaws.com' }), errors: [{ token: '"*.amazonaws.com"', message: /service principal/ }] },
    { name: 'service star', text: p({ Service: '*' }), errors: [{ token: '"*"', message: /name the service exactly/ }] },
    { name: 'in NotPrincipal', text: policy(statement({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::*:root' }, Effect: 'Deny' })), errors: [{ token: '"arn:aws:iam::*:root"' }] },
  ],
});

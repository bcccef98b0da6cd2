import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, fixesFor } from '../../../src/policy/lint/fixes';
import { lint } from '../../../src/policy/lint/lint';
import { misCasedServicePrincipal, servicePrincipalCase } from '../../../src/policy/lint/rules/servicePrincipalCase';
import { policy, ruleTests, statement } from '../ruleTester';

// "Do not try to guess the service principal, because it is case-sensitive and the format can
// vary across AWS services." (IAM User Guide, Create a role to delegate permissions to an AWS
// service: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html)
const service = (Service: unknown, rest: Record<string, unknown> = {}) => policy(statement({ Principal: { Service }, Condition: undefined, ...rest }));

ruleTests(servicePrincipalCase, {
  valid: [
    service('lambda.amazonaws.com'),
    service(['ecs-tasks.amazonaws.com', 'logs.eu-west-1.amazonaws.com', 'ec2.amazonaws.com.cn']),
    { name: 'an AWS principal with upper case is another rule\'s business', text: policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:role/Deploy' } })) },
    { name: 'a Federated provider is not a service principal', text: policy(statement({ Principal: { Federated: 'Cognito-Identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: undefined })) },
    { name: 'not a service principal in any case (principal-invalid reports it)', text: service('Lambda') },
    { name: 'NotPrincipal is not-principal-unsupported\'s', text: policy(statement({ Principal: undefined, NotPrincipal: { Service: 'Lambda.amazonaws.com' } })) },
  ],
  invalid: [
    { name: 'capital first letter', text: service('Lambda.amazonaws.com'), errors: [{ token: '"Lambda.amazonaws.com"', message: /names no service: service principals are case-sensitive.*write "lambda\.amazonaws\.com"/ }] },
    { name: 'upper-case domain', text: service('ec2.AMAZONAWS.COM'), errors: [{ token: '"ec2.AMAZONAWS.COM"', message: /"ec2\.amazonaws\.com"/ }] },
    { name: 'one of a list', text: service(['ecs-tasks.amazonaws.com', 'Events.amazonaws.com']), errors: [{ token: '"Events.amazonaws.com"' }] },
    { name: 'China partition', text: service('EC2.amazonaws.com.cn'), errors: [{ token: '"EC2.amazonaws.com.cn"' }] },
    { name: 'in a Deny statement too', text: service('States.amazonaws.com', { Effect: 'Deny' }), errors: [{ token: '"States.amazonaws.com"' }] },
  ],
});

describe('service-principal-case quick fix', () => {
  it('writes the service principal in lower case', () => {
    const text = service(['ecs-tasks.amazonaws.com', 'Lambda.amazonaws.com']);
    const finding = lint(text).find((f) => f.code === 'service-principal-case')!;
    const fixes = fixesFor(text, finding);
    assert.deepEqual(fixes.map((f) => f.title), ['Write "lambda.amazonaws.com"']);
    const fixed = applyFix(text, fixes[0]!);
    assert.ok(fixed.includes('"lambda.amazonaws.com"') && !fixed.includes('Lambda'));
    assert.deepEqual(lint(fixed).filter((f) => f.code === 'service-principal-case'), []);
  });

  it('misCasedServicePrincipal says what was meant, only for service principals', () => {
    assert.equal(misCasedServicePrincipal('Lambda.amazonaws.com'), 'lambda.amazonaws.com');
    assert.equal(misCasedServicePrincipal('lambda.amazonaws.com'), undefined);
    assert.equal(misCasedServicePrincipal('Lambda'), undefined);
    assert.equal(misCasedServicePrincipal('arn:aws:iam::111122223333:role/X'), undefined);
  });
});

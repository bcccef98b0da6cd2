import { serviceConfusedDeputy } from '../../../src/policy/lint/rules/serviceConfusedDeputy';
import { policy, ruleTests, statement } from '../ruleTester';

const svc = (Service: unknown, Condition?: unknown) => policy(statement({ Principal: { Service }, Condition }));

ruleTests(serviceConfusedDeputy, {
  valid: [
    svc('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
    svc('states.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:states:us-east-1:111122223333:stateMachine:*' } }),
    svc('backup.amazonaws.com', { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } }),
    { name: 'EC2 instance profiles carry no source context', text: svc('ec2.amazonaws.com') },
    policy(statement()),
  ],
  invalid: [
    { text: svc('lambda.amazonaws.com'), errors: [{ token: '"lambda.amazonaws.com"', message: /acts for every AWS customer/ }] },
    { name: 'each service of a list', text: svc(['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com', 'glue.amazonaws.com']), errors: [{ token: '"ecs-tasks.amazonaws.com"' }, { token: '"glue.amazonaws.com"' }] },
    { name: 'IfExists does not restrict', text: svc('events.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }), errors: [{ token: '"events.amazonaws.com"' }] },
  ],
});

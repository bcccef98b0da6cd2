import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runRules } from '../../../src/policy/lint/lint';
import { CROSS_CUSTOMER_SERVICES, PASSED_ROLE_SERVICES, servicePath } from '../../../src/policy/iam/serviceTrust';
import { serviceConfusedDeputy } from '../../../src/policy/lint/rules/serviceConfusedDeputy';
import { policy, ruleTests, statement } from '../ruleTester';

const svc = (Service: unknown, Condition?: unknown) => policy(statement({ Principal: { Service }, Condition }));

ruleTests(serviceConfusedDeputy, {
  valid: [
    svc('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
    svc('states.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:states:us-east-1:111122223333:stateMachine:*' } }),
    svc('backup.amazonaws.com', { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } }),
    { name: 'EC2 instance profiles carry no source context', text: svc('ec2.amazonaws.com') },
    // Firehose's guide guards its role with sts:ExternalId = your account (held-out sets 9 and 11).
    { name: 'Firehose with the documented sts:ExternalId', text: svc('firehose.amazonaws.com', { StringEquals: { 'sts:ExternalId': '111122223333' } }) },
    { name: 'Firehose in the China Regions with the documented sts:ExternalId', text: svc('firehose.amazonaws.com.cn', { StringEquals: { 'sts:ExternalId': '111122223333' } }) },
    { name: 'a mis-cased service principal names no service (service-principal-case reports it)', text: svc('Lambda.amazonaws.com') },
    policy(statement()),
  ],
  invalid: [
    // …which guards Firehose only: Lambda never sends an external ID.
    { name: 'sts:ExternalId beside another service', text: svc(['firehose.amazonaws.com', 'lambda.amazonaws.com'], { StringEquals: { 'sts:ExternalId': '111122223333' } }), errors: [{ token: '"lambda.amazonaws.com"' }] },
    { text: svc('lambda.amazonaws.com'), errors: [{ token: '"lambda.amazonaws.com"', message: /iam:PassRole, which passes only roles of your own account/ }] },
    { name: 'each service of a list', text: svc(['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com', 'workspaces.amazonaws.com']), errors: [{ token: '"ecs-tasks.amazonaws.com"' }, { token: '"workspaces.amazonaws.com"', message: /Whether another AWS account can make workspaces\.amazonaws\.com assume this role decides this/ }] },
    { name: 'IfExists does not restrict', text: svc('events.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }), errors: [{ token: '"events.amazonaws.com"' }] },
  ],
});

// Issue 13 class 1: service roles a service gets through iam:PassRole in your own account are
// not "someone outside your organisation can get in": never security.
it('service-confused-deputy: roles given through iam:PassRole are at most a suggestion', () => {
  const services = ['lambda.amazonaws.com', 'codebuild.amazonaws.com', 'ecs-tasks.amazonaws.com', 'eks.amazonaws.com', 'pods.eks.amazonaws.com', 'events.amazonaws.com', 'scheduler.amazonaws.com', 'firehose.amazonaws.com', 'states.amazonaws.com', 'dms.amazonaws.com', 'appsync.amazonaws.com', 'codedeploy.amazonaws.com', 'ssm.amazonaws.com', 'rolesanywhere.amazonaws.com'];
  for (const service of services) {
    assert.equal(servicePath(service), 'passed-role', service);
    const found = runRules(svc(service), [serviceConfusedDeputy]);
    assert.equal(found.length, 1, service);
    assert.equal(found[0]!.severity, 'suggestion', service);
  }
  // An unknown service: the linter cannot know either, so a suggestion that names the deciding fact.
  const unknown = runRules(svc('workspaces.amazonaws.com'), [serviceConfusedDeputy]);
  assert.equal(unknown[0]!.severity, 'suggestion');
  assert.match(unknown[0]!.message, /Whether another AWS account can make workspaces\.amazonaws\.com assume this role decides this/);
});

// Held-out set 7: AWS's StackSets and CodeDeploy guides list regional principals beside the
// global one (cloudformation.ap-east-1.amazonaws.com); they got the unknown-service message.
it('service-confused-deputy: a regional service principal is its service', () => {
  for (const regional of ['cloudformation.ap-east-1.amazonaws.com', 'codedeploy.us-gov-west-1.amazonaws.com', 'states.eu-central-2.amazonaws.com']) {
    assert.equal(servicePath(regional), 'passed-role', regional);
    assert.match(runRules(svc(regional), [serviceConfusedDeputy])[0]!.message, /iam:PassRole, which passes only roles of your own account/, regional);
  }
  // Only a Region between the service and the domain: the rest stays unknown.
  assert.equal(servicePath('cloudformation.example.amazonaws.com'), 'unknown');
  assert.equal(servicePath('workspaces.us-east-1.amazonaws.com'), 'unknown');
});

// Held-out set 7: AWS's CodeDeploy guide lists 17 regional principals in one statement, which
// gave 17 suggestions for the one condition that is missing.
it('service-confused-deputy: one finding per statement and kind of service, naming the others', () => {
  const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1'];
  const found = runRules(svc(regions.map((r) => `codedeploy.${r}.amazonaws.com`)), [serviceConfusedDeputy]);
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /^codedeploy\.us-east-1\.amazonaws\.com, codedeploy\.us-east-2\.amazonaws\.com, codedeploy\.us-west-1\.amazonaws\.com and 2 more get this role through iam:PassRole/);
  assert.deepEqual(found[0]!.related?.map((r) => r.message), regions.slice(1).map((r) => `codedeploy.${r}.amazonaws.com, in the same statement`));
  const two = runRules(svc(['lambda.amazonaws.com', 'states.amazonaws.com']), [serviceConfusedDeputy]);
  assert.equal(two.length, 1);
  assert.match(two[0]!.message, /^lambda\.amazonaws\.com and states\.amazonaws\.com get this role/);
  // A value that is not a plain service name keeps a finding of its own.
  assert.equal(runRules(svc(['lambda.amazonaws.com', '${Service}.amazonaws.com']), [serviceConfusedDeputy]).length, 2);
});

it('service trust table: every entry names its source, and no service is in two classes', () => {
  const all = [...PASSED_ROLE_SERVICES, ...CROSS_CUSTOMER_SERVICES];
  for (const entry of all) assert.match(entry.source, /^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//, entry.principal);
  assert.equal(new Set(all.map((e) => e.principal)).size, all.length);
});

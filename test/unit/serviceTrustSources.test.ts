// The service trust table (src/policy/iam/serviceTrust.ts): services that held-out sets 9-12
// found given their role through iam:PassRole in the user's own account got the "Whether another
// AWS account can make X assume this role" wording. Each entry added for them names the AWS page
// that says so; these tests lint a bare trust policy for a handful of them.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lint } from '../../src/policy/index';
import { CROSS_CUSTOMER_SERVICES, PASSED_ROLE_SERVICES, servicePath } from '../../src/policy/iam/serviceTrust';

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

const ADDED = [
  'glue.amazonaws.com',
  'sagemaker.amazonaws.com',
  'backup.amazonaws.com',
  'iot.amazonaws.com',
  'elasticmapreduce.amazonaws.com',
  'emr-serverless.amazonaws.com',
  'servicecatalog.amazonaws.com',
  'streams.metrics.cloudwatch.amazonaws.com',
  'dlm.amazonaws.com',
  's3.amazonaws.com',
  'edgelambda.amazonaws.com',
  // Held-out sets 13-15 (each with the AWS page that says the role is passed with iam:PassRole).
  'kendra.amazonaws.com',
  'healthlake.amazonaws.com',
  'textract.amazonaws.com',
  'medialive.amazonaws.com',
  'personalize.amazonaws.com',
  'omics.amazonaws.com',
  'credentials.iot.amazonaws.com',
  'monitoring.rds.amazonaws.com',
  'es.amazonaws.com',
  'opensearchservice.amazonaws.com',
  'osis-pipelines.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
  'amplify.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'batch.amazonaws.com',
  'bedrock.amazonaws.com',
];

it('service trust sources: services given their role through iam:PassRole get that wording, as a suggestion', () => {
  for (const service of ADDED) {
    const found = lint(trust(service)).filter((f) => f.code === 'service-confused-deputy');
    assert.equal(found.length, 1, service);
    assert.equal(found[0]!.severity, 'suggestion', service);
    assert.match(found[0]!.message, /gets this role through iam:PassRole, which passes only roles of your own account/, service);
    assert.doesNotMatch(found[0]!.message, /Whether another AWS account/, service);
  }
  // A regional form of a listed service is its service (servicePath()).
  const regional = lint(trust('glue.eu-west-1.amazonaws.com')).find((f) => f.code === 'service-confused-deputy');
  assert.match(regional!.message, /through iam:PassRole/);
});

it('service trust sources: every entry cites an AWS documentation or re:Post page over https', () => {
  for (const entry of [...PASSED_ROLE_SERVICES, ...CROSS_CUSTOMER_SERVICES]) {
    const url = new URL(entry.source);
    assert.equal(url.protocol, 'https:', entry.principal);
    assert.ok(url.hostname === 'docs.aws.amazon.com' || url.hostname === 'repost.aws', `${entry.principal}: ${entry.source}`);
  }
  for (const service of ADDED) assert.ok(PASSED_ROLE_SERVICES.some((e) => e.principal === service), service);
});

// Held-out set 13 item 5: the China Regions' principal (`<service>.amazonaws.com.cn`) is its
// `.amazonaws.com` counterpart's service: EC2's is an instance profile with no source context,
// Lambda's is passed with iam:PassRole.
it('service trust sources: a .amazonaws.com.cn principal takes its .amazonaws.com counterpart\'s path', () => {
  assert.equal(servicePath('ec2.amazonaws.com.cn'), 'no-source-context');
  assert.equal(servicePath('EC2.amazonaws.com.cn'), 'no-source-context');
  assert.equal(servicePath('lambda.amazonaws.com.cn'), 'passed-role');
  assert.equal(servicePath('states.cn-north-1.amazonaws.com.cn'), 'passed-role');
  assert.equal(servicePath('workspaces.amazonaws.com.cn'), 'unknown');
  assert.deepEqual(lint(trust('ec2.amazonaws.com.cn')).filter((f) => f.code === 'service-confused-deputy'), []);
  const lambda = lint(trust('lambda.amazonaws.com.cn')).filter((f) => f.code === 'service-confused-deputy');
  assert.equal(lambda.length, 1);
  assert.match(lambda[0]!.message, /lambda\.amazonaws\.com\.cn gets this role through iam:PassRole/);
});

// How an AWS service comes to assume a role, which decides how much an aws:SourceAccount /
// aws:SourceArn condition in the role's trust policy matters (issue 13, class 1).
//
// The cross-service confused deputy needs another customer to make the service assume YOUR
// role. A service that takes its role through iam:PassRole cannot be handed a role of another
// account: "You can use only the PassRole permission to pass an IAM role to an AWS service that
// shares the same AWS account, not another account" (AWS re:Post, PASSROLE_SOURCE below). For
// those services the condition is defence in depth, not a door someone outside your
// organisation can open: a suggestion. A service that assumes a role named by another
// customer's resource, with no PassRole check, is a real cross-customer path: security. Only
// services verified from AWS's documentation belong in CROSS_CUSTOMER_SERVICES.

/** AWS re:Post: iam:PassRole passes only roles of the caller's own account. */
export const PASSROLE_SOURCE = 'https://repost.aws/knowledge-center/iam-passrole-error';
/** IAM User Guide: a service is given a role through iam:PassRole when the resource is configured. */
export const PASSROLE_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html';
/** IAM User Guide: the confused deputy problem, cross-service. */
export const CONFUSED_DEPUTY_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html';

export interface ServiceTrustFacts {
  /** The service principal. */
  principal: string;
  /** Where AWS documents how the service is given the role. */
  source: string;
}

/**
 * Services that assume a role named by another customer's resource without an iam:PassRole
 * check in that customer's account: security. Empty until an entry is verified from AWS's own
 * documentation (none was found that names such a path for a role trust policy; AWS's
 * per-service "Cross-service confused deputy prevention" pages recommend the conditions for
 * every service, as defence in depth).
 */
export const CROSS_CUSTOMER_SERVICES: readonly ServiceTrustFacts[] = [];

/**
 * Services that are given their role through iam:PassRole in your own account when you
 * configure the resource that uses it (function, project, task definition, rule …).
 */
export const PASSED_ROLE_SERVICES: readonly ServiceTrustFacts[] = [
  { principal: 'lambda.amazonaws.com', source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
  { principal: 'codebuild.amazonaws.com', source: 'https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html' },
  { principal: 'ecs-tasks.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html' },
  { principal: 'eks.amazonaws.com', source: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html' },
  { principal: 'pods.eks.amazonaws.com', source: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html' },
  { principal: 'events.amazonaws.com', source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html' },
  { principal: 'scheduler.amazonaws.com', source: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html' },
  { principal: 'firehose.amazonaws.com', source: 'https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html' },
  { principal: 'states.amazonaws.com', source: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html' },
  { principal: 'dms.amazonaws.com', source: 'https://docs.aws.amazon.com/dms/latest/userguide/security-iam.html' },
  { principal: 'appsync.amazonaws.com', source: 'https://docs.aws.amazon.com/appsync/latest/devguide/attaching-a-data-source.html' },
  { principal: 'codedeploy.amazonaws.com', source: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/getting-started-create-service-role.html' },
  { principal: 'ssm.amazonaws.com', source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/hybrid-multicloud-service-role.html' },
  { principal: 'rolesanywhere.amazonaws.com', source: 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html' },
  { principal: 'codepipeline.amazonaws.com', source: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/security-iam.html' },
  { principal: 'cloudformation.amazonaws.com', source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html' },
  // Held-out sets 9-12: each source below says the role is passed (iam:PassRole) by the user who
  // configures the resource, or that it must be in the resource's own account.
  { principal: 'glue.amazonaws.com', source: 'https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html' },
  { principal: 'sagemaker.amazonaws.com', source: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html' },
  { principal: 'backup.amazonaws.com', source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html' },
  { principal: 'iot.amazonaws.com', source: 'https://docs.aws.amazon.com/iot/latest/developerguide/pass-role.html' },
  { principal: 'elasticmapreduce.amazonaws.com', source: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-iam-roles-create-permissions.html' },
  { principal: 'emr-serverless.amazonaws.com', source: 'https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/security-iam-runtime-role.html' },
  { principal: 'servicecatalog.amazonaws.com', source: 'https://docs.aws.amazon.com/servicecatalog/latest/adminguide/constraints-launch.html' },
  { principal: 'streams.metrics.cloudwatch.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-metric-streams-setup.html' },
  { principal: 'dlm.amazonaws.com', source: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dlm-access-control.html' },
  { principal: 's3.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html' },
  // Lambda@Edge: the function's execution role, trusted by lambda and edgelambda (Lambda's source above).
  { principal: 'edgelambda.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html' },
  // Held-out sets 13-15: each source below says that the user who configures the resource
  // needs iam:PassRole to give the service its role (or, for flow logs, that the role must
  // belong to your account).
  { principal: 'kendra.amazonaws.com', source: 'https://docs.aws.amazon.com/kendra/latest/dg/security_iam_troubleshoot.html' },
  { principal: 'healthlake.amazonaws.com', source: 'https://docs.aws.amazon.com/healthlake/latest/devguide/export-datastore.html' },
  { principal: 'textract.amazonaws.com', source: 'https://docs.aws.amazon.com/textract/latest/dg/api-async-roles.html' },
  { principal: 'medialive.amazonaws.com', source: 'https://docs.aws.amazon.com/medialive/latest/ug/complex-scenario-identify-permissions.html' },
  { principal: 'personalize.amazonaws.com', source: 'https://docs.aws.amazon.com/personalize/latest/dg/aws-personalize-set-up-permissions.html' },
  { principal: 'omics.amazonaws.com', source: 'https://docs.aws.amazon.com/omics/latest/dev/permissions-service.html' },
  { principal: 'credentials.iot.amazonaws.com', source: 'https://docs.aws.amazon.com/iot/latest/developerguide/authorizing-direct-aws.html' },
  { principal: 'monitoring.rds.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html' },
  { principal: 'es.amazonaws.com', source: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html' },
  { principal: 'opensearchservice.amazonaws.com', source: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/cognito-auth.html' },
  { principal: 'osis-pipelines.amazonaws.com', source: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/creating-pipeline.html' },
  { principal: 'vpc-flow-logs.amazonaws.com', source: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html' },
  { principal: 'amplify.amazonaws.com', source: 'https://docs.aws.amazon.com/amplify/latest/userguide/security_iam_troubleshoot.html' },
  { principal: 'cloudtrail.amazonaws.com', source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/security_iam_troubleshoot.html' },
  { principal: 'config.amazonaws.com', source: 'https://docs.aws.amazon.com/config/latest/developerguide/security_iam_troubleshoot.html' },
  { principal: 'batch.amazonaws.com', source: 'https://docs.aws.amazon.com/batch/latest/userguide/security_iam_troubleshoot.html' },
  { principal: 'bedrock.amazonaws.com', source: 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/bedrock/aws.sdk.kotlin.services.bedrock.model/-create-model-customization-job-request/role-arn.html' },
];

/**
 * Services that assume the role for one of your own resources that you configured with it
 * (an instance profile) and send no aws:SourceAccount/aws:SourceArn: a condition on them would
 * make the role unusable. EC2 instance profiles carry no source context.
 */
export const SERVICES_WITHOUT_SOURCE_CONTEXT: readonly string[] = ['ec2.amazonaws.com'];

/**
 * Services whose documented trust policy guards against the confused deputy with
 * `sts:ExternalId` set to your account ID rather than aws:SourceAccount: with such a condition,
 * service-confused-deputy has nothing to add (held-out sets 9 and 11: Firehose roles).
 */
export const EXTERNAL_ID_GUARDED_SERVICES: readonly ServiceTrustFacts[] = [
  { principal: 'firehose.amazonaws.com', source: 'https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html' },
];

export type ServicePath = 'cross-customer' | 'passed-role' | 'no-source-context' | 'unknown';

const byPrincipal = new Map<string, ServicePath>([
  ...PASSED_ROLE_SERVICES.map((s) => [s.principal, 'passed-role'] as const),
  ...CROSS_CUSTOMER_SERVICES.map((s) => [s.principal, 'cross-customer'] as const),
  ...SERVICES_WITHOUT_SOURCE_CONTEXT.map((p) => [p, 'no-source-context'] as const),
]);

/**
 * How a service principal (as written in a policy) comes to assume a role, as far as the table
 * knows. A regional principal (`cloudformation.ap-east-1.amazonaws.com`, `states.us-east-1.amazonaws.com`,
 * which AWS's guides list beside the global one for opt-in Regions) is its service's, and so is
 * the China Regions' form (`ec2.amazonaws.com.cn`, `states.cn-north-1.amazonaws.com.cn`): the
 * table names the `.amazonaws.com` principal.
 */
export function servicePath(principal: string): ServicePath {
  const name = principal.toLowerCase().replace(/\.amazonaws\.com\.cn$/, '.amazonaws.com');
  const known = byPrincipal.get(name);
  if (known) return known;
  const regional = /^([a-z0-9-]+)\.[a-z]{2}(?:-[a-z]+)+-\d{1,2}\.amazonaws\.com$/.exec(name);
  return (regional && byPrincipal.get(`${regional[1]}.amazonaws.com`)) ?? 'unknown';
}

/**
 * Starting points for new trust policies. Each one is already hardened the way the
 * engine's security rules ask for (ExternalId for third parties, `sub` for OIDC,
 * SourceAccount for services), so a new policy starts clean.
 */
export interface TrustPolicyTemplate {
  id: string;
  label: string;
  detail: string;
  /** Short name for the snippet that inserts it. */
  prefix: string;
  /** Values the user must replace, in the order a snippet's tab stops visit them. */
  placeholders: string[];
  policy: object;
}

export const TRUST_POLICY_TEMPLATES: readonly TrustPolicyTemplate[] = [
  {
    id: 'cross-account',
    prefix: 'trust-account',
    placeholders: ['111122223333', 'REPLACE-WITH-EXTERNAL-ID'],
    label: 'Another AWS account (with ExternalId)',
    detail: 'Principals of account 111122223333 whose own policies allow sts:AssumeRole, if they pass the agreed ExternalId',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustPartnerAccount',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'REPLACE-WITH-EXTERNAL-ID' } },
        },
      ],
    },
  },
  {
    id: 'service',
    prefix: 'trust-service',
    placeholders: ['lambda.amazonaws.com', '111122223333'],
    label: 'An AWS service (Lambda)',
    detail: 'lambda.amazonaws.com, only on behalf of functions in account 111122223333',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustLambdaService',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    },
  },
  {
    id: 'github-actions',
    prefix: 'trust-github-actions',
    placeholders: ['111122223333', 'OWNER/REPO', 'main'],
    label: 'GitHub Actions (OIDC)',
    detail: 'Workflows of one repository and branch, through token.actions.githubusercontent.com',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustGitHubActions',
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:ref:refs/heads/main',
            },
          },
        },
      ],
    },
  },
  {
    id: 'eks-irsa',
    prefix: 'trust-eks-irsa',
    placeholders: ['111122223333', 'us-east-1', 'EXAMPLED539D4633E53DE1B71EXAMPLE', 'NAMESPACE', 'SERVICE-ACCOUNT'],
    label: 'EKS service account (IRSA)',
    detail: 'One Kubernetes service account of one cluster, through its OIDC provider',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustEksServiceAccount',
          Effect: 'Allow',
          Principal: {
            Federated:
              'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
              'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub':
                'system:serviceaccount:NAMESPACE:SERVICE-ACCOUNT',
            },
          },
        },
      ],
    },
  },
  {
    id: 'saml',
    prefix: 'trust-saml',
    placeholders: ['111122223333', 'EXAMPLE-IDP'],
    label: 'SAML identity provider',
    detail: 'Federated users of a SAML 2.0 IdP signing in to the AWS console',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustSamlProvider',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/EXAMPLE-IDP' },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    },
  },
  {
    id: 'same-account-mfa',
    prefix: 'trust-same-account-mfa',
    placeholders: ['111122223333', 'Admins'],
    label: 'A role of this account, with MFA',
    detail: 'Sessions of one role of account 111122223333 whose users signed in with MFA in the last hour',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustAdminsWithMfa',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/Admins' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
        },
      ],
    },
  },
  {
    id: 'ecs-tasks',
    prefix: 'trust-ecs-tasks',
    placeholders: ['111122223333', 'us-east-1'],
    label: 'ECS tasks',
    detail: 'Task roles of ECS tasks in account 111122223333',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustEcsTasks',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:111122223333:*' },
            StringEquals: { 'aws:SourceAccount': '111122223333' },
          },
        },
      ],
    },
  },
  {
    id: 'github-actions-environment',
    prefix: 'trust-github-actions-environment',
    placeholders: ['111122223333', 'OWNER/REPO', 'production'],
    label: 'GitHub Actions deployment environment (OIDC)',
    detail: 'Jobs of one repository that run in one GitHub deployment environment',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustGitHubEnvironment',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:environment:production',
            },
          },
        },
      ],
    },
  },
  {
    id: 'gitlab',
    prefix: 'trust-gitlab',
    placeholders: ['111122223333', 'GROUP/PROJECT', 'main'],
    label: 'GitLab CI/CD (OIDC)',
    detail: 'Pipelines of one GitLab project on one branch',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustGitLab',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'gitlab.com:aud': 'https://gitlab.com',
              'gitlab.com:sub': 'project_path:GROUP/PROJECT:ref_type:branch:ref:main',
            },
          },
        },
      ],
    },
  },
  {
    id: 'terraform-cloud',
    prefix: 'trust-terraform-cloud',
    placeholders: ['111122223333', 'ORGANIZATION', 'PROJECT', 'WORKSPACE'],
    label: 'Terraform Cloud (OIDC)',
    detail: 'Apply runs of one HCP Terraform workspace (give plan runs a read-only role of their own: TFC_AWS_PLAN_ROLE_ARN)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustTerraformCloud',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
            StringLike: { 'app.terraform.io:sub': 'organization:ORGANIZATION:project:PROJECT:workspace:WORKSPACE:run_phase:apply' },
          },
        },
      ],
    },
  },
  {
    // https://circleci.com/docs/openid-connect-tokens/ : the issuer and aud are the organization ID.
    id: 'circleci',
    prefix: 'trust-circleci',
    placeholders: ['111122223333', 'ORGANIZATION_ID', 'PROJECT_ID'],
    label: 'CircleCI (OIDC)',
    detail: 'Jobs of one CircleCI project, through your organization\'s issuer',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustCircleCiProject',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/ORGANIZATION_ID' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'oidc.circleci.com/org/ORGANIZATION_ID:aud': 'ORGANIZATION_ID' },
            StringLike: { 'oidc.circleci.com/org/ORGANIZATION_ID:sub': 'org/ORGANIZATION_ID/project/PROJECT_ID/user/*' },
          },
        },
      ],
    },
  },
  {
    // https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
    id: 'bitbucket',
    prefix: 'trust-bitbucket',
    placeholders: ['111122223333', 'MY-WORKSPACE', 'WORKSPACE-UUID', 'REPOSITORY_UUID'],
    label: 'Bitbucket Pipelines (OIDC)',
    detail: 'Pipelines of one Bitbucket repository, through your workspace\'s issuer',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustBitbucketRepository',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/api.bitbucket.org/2.0/workspaces/MY-WORKSPACE/pipelines-config/identity/oidc' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'api.bitbucket.org/2.0/workspaces/MY-WORKSPACE/pipelines-config/identity/oidc:aud': 'ari:cloud:bitbucket::workspace/WORKSPACE-UUID' },
            StringLike: { 'api.bitbucket.org/2.0/workspaces/MY-WORKSPACE/pipelines-config/identity/oidc:sub': '{REPOSITORY_UUID}:*' },
          },
        },
      ],
    },
  },
  {
    // https://buildkite.com/docs/pipelines/security/oidc/aws
    id: 'buildkite',
    prefix: 'trust-buildkite',
    placeholders: ['111122223333', 'ORGANIZATION_SLUG', 'PIPELINE_SLUG'],
    label: 'Buildkite (OIDC)',
    detail: 'Jobs of one Buildkite pipeline on its main branch',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustBuildkitePipeline',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'agent.buildkite.com:sub': 'organization:ORGANIZATION_SLUG:pipeline:PIPELINE_SLUG:ref:refs/heads/main:*' },
          },
        },
      ],
    },
  },
  {
    // https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity :
    // one issuer per organization (vstoken.dev.azure.com/<organization ID>), aud always
    // api://AzureADTokenExchange, so the subject (one service connection) is what pins the caller.
    id: 'azure-devops',
    prefix: 'trust-azure-devops',
    placeholders: ['111122223333', 'ORGANIZATION_ID', 'ORG_NAME', 'PROJECT_NAME', 'CONNECTION_NAME'],
    label: 'Azure DevOps service connection (OIDC)',
    detail: 'Pipelines using one Azure DevOps service connection, through your organization\'s issuer',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustAzureDevOpsServiceConnection',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/vstoken.dev.azure.com/ORGANIZATION_ID' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'vstoken.dev.azure.com/ORGANIZATION_ID:aud': 'api://AzureADTokenExchange',
              'vstoken.dev.azure.com/ORGANIZATION_ID:sub': 'sc://ORG_NAME/PROJECT_NAME/CONNECTION_NAME',
            },
          },
        },
      ],
    },
  },
  {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif :
    // a service account's ID token carries azp, its numeric unique ID, and accounts.google.com:aud
    // is then that azp; its sub is the same ID. (oaud, the audience asked for, pins nobody.)
    id: 'google',
    prefix: 'trust-google',
    placeholders: ['SERVICE_ACCOUNT_UNIQUE_ID'],
    label: 'Google Cloud service account (OIDC)',
    detail: 'Workloads on Google Cloud running as one service account, with its Google ID tokens',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustGoogleServiceAccount',
          Effect: 'Allow',
          Principal: { Federated: 'accounts.google.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'accounts.google.com:aud': 'SERVICE_ACCOUNT_UNIQUE_ID',
              'accounts.google.com:sub': 'SERVICE_ACCOUNT_UNIQUE_ID',
            },
          },
        },
      ],
    },
  },
  {
    id: 'eks-pod-identity',
    prefix: 'trust-eks-pod-identity',
    placeholders: ['111122223333', 'us-east-1', 'CLUSTER'],
    label: 'EKS Pod Identity',
    detail: 'Pods of one EKS cluster, through the EKS Pod Identity agent',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustEksPodIdentity',
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111122223333' },
            ArnEquals: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/CLUSTER' },
          },
        },
      ],
    },
  },
  {
    id: 'cognito',
    prefix: 'trust-cognito',
    placeholders: ['us-east-1:00000000-0000-0000-0000-000000000000'],
    label: 'Cognito identity pool',
    detail: 'Authenticated identities of one Amazon Cognito identity pool',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustCognitoIdentities',
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-0000-0000-0000-000000000000' },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
        },
      ],
    },
  },
  {
    id: 'organization',
    prefix: 'trust-organization',
    placeholders: ['o-a1b2c3d4e5', 'OrgAuditor'],
    label: 'A role in every account of your organization',
    detail: 'One role name in any account of an AWS Organizations organization',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustOrganizationRole',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
            ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrgAuditor' },
          },
        },
      ],
    },
  },
  {
    id: 'roles-anywhere',
    prefix: 'trust-roles-anywhere',
    placeholders: ['111122223333', 'us-east-1', 'TRUST-ANCHOR-ID', 'workload.example.com'],
    label: 'IAM Roles Anywhere',
    detail: 'Workloads outside AWS holding a certificate from one trust anchor',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustRolesAnywhere',
          Effect: 'Allow',
          Principal: { Service: 'rolesanywhere.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: {
            ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/TRUST-ANCHOR-ID' },
            StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'workload.example.com' },
          },
        },
      ],
    },
  },
];

export function renderTemplate(template: TrustPolicyTemplate): string {
  return JSON.stringify(template.policy, null, 2) + '\n';
}

/** The template's first statement alone, for adding trust to an existing policy. */
export function renderStatement(template: TrustPolicyTemplate): string {
  return JSON.stringify((template.policy as { Statement: object[] }).Statement[0], null, 2) + '\n';
}

/** A VS Code snippet body: the rendered text with a tab stop on each placeholder. */
export function templateSnippetBody(template: TrustPolicyTemplate, text = renderTemplate(template)): string[] {
  text = text.trimEnd().replace(/[$\\]/g, (ch) => '\\' + ch);
  template.placeholders.forEach((placeholder, index) => {
    // Every occurrence of a placeholder shares its tab stop, so one edit fills them all.
    text = text.split(placeholder).join(`\${${index + 1}:${placeholder}}`);
  });
  return text.split('\n');
}

/** The contributed snippets file (snippets/trust-policy.code-snippets), generated at build. */
export function renderSnippetsFile(): string {
  const snippets: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const template of TRUST_POLICY_TEMPLATES) {
    snippets[`Trust policy: ${template.label}`] = {
      prefix: template.prefix,
      description: template.detail,
      body: templateSnippetBody(template),
    };
    snippets[`Trust statement: ${template.label}`] = {
      prefix: `${template.prefix}-statement`,
      description: `One statement: ${template.detail}`,
      body: templateSnippetBody(template, renderStatement(template)),
    };
  }
  return JSON.stringify(snippets, null, 2) + '\n';
}

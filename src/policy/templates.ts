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
];

export function renderTemplate(template: TrustPolicyTemplate): string {
  return JSON.stringify(template.policy, null, 2) + '\n';
}

/** A VS Code snippet body: the rendered policy with a tab stop on each placeholder. */
export function templateSnippetBody(template: TrustPolicyTemplate): string[] {
  let text = renderTemplate(template).trimEnd().replace(/[$\\]/g, (ch) => '\\' + ch);
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
  }
  return JSON.stringify(snippets, null, 2) + '\n';
}

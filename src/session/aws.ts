// The AWS SDK pieces the extension uses, bundled apart (dist/aws.js) and loaded on first use,
// so that starting the extension never parses the SDK.
export { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
export { GetRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand, paginateGetAccountAuthorizationDetails, paginateListRoles } from '@aws-sdk/client-iam';
export { DescribeOrganizationCommand, OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
export { AccessAnalyzerClient, CheckNoPublicAccessCommand, ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
export { analyzeWithAccessAnalyzer } from './accessAnalyzer';

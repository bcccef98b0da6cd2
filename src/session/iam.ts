import type { StsTarget } from './sts';
import { endpointFor, requestHandlerOptions, sourceCredentials } from './sts';

/** Where IAM calls go: IAM is global, signed for us-east-1 in the aws partition. */
export interface IamTarget extends Omit<StsTarget, 'endpoint'> {
  /** FIPS, VPC or local endpoint; undefined for the SDK's default (AWS_ENDPOINT_URL_IAM applies). */
  endpoint?: string;
}

export interface RoleSummary {
  arn: string;
  name: string;
  path: string;
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
  description?: string;
}

export interface RoleDetails extends RoleSummary {
  /** The trust policy as IAM stores it, decoded from the URL encoding of the API. */
  trustPolicy: string;
}

async function client(target: IamTarget) {
  const { IAMClient } = await import('./aws.js');
  return new IAMClient({
    // IAM's global endpoint is in us-east-1 (aws-cn and aws-us-gov have their own regions).
    region: /^cn-/.test(target.region) ? 'cn-north-1' : /^us-gov-/.test(target.region) ? 'us-gov-west-1' : 'us-east-1',
    credentials: await sourceCredentials(target),
    maxAttempts: 2,
    ...requestHandlerOptions(target),
    ...(await endpointFor(target, 'iam')),
  });
}

const send = (target: IamTarget) => (target.abortSignal ? { abortSignal: target.abortSignal } : {});

/** The policy documents of the IAM API are URL-encoded JSON. */
export function decodePolicyDocument(document: string): string {
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

type ApiRole = { Arn?: string; RoleName?: string; Path?: string; MaxSessionDuration?: number; Description?: string; AssumeRolePolicyDocument?: string };

function summary(role: ApiRole): RoleSummary {
  return {
    arn: role.Arn ?? '',
    name: role.RoleName ?? '',
    path: role.Path ?? '/',
    maxSessionDuration: role.MaxSessionDuration ?? 3600,
    ...(role.Description ? { description: role.Description } : {}),
  };
}

/** iam:GetRole: the role's MaxSessionDuration and trust policy. */
export async function getRole(roleName: string, target: IamTarget): Promise<RoleDetails> {
  const { GetRoleCommand } = await import('./aws.js');
  const iam = await client(target);
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }), send(target));
    if (!Role) throw Object.assign(new Error(`IAM answered without the role ${roleName}`), { name: 'InvalidResponse' });
    return { ...summary(Role), trustPolicy: decodePolicyDocument(Role.AssumeRolePolicyDocument ?? '') };
  } finally {
    iam.destroy();
  }
}

/**
 * iam:ListRoles, page by page (IAM returns at most 1,000 a page): each page is handed to
 * onPage as it arrives, so a long list can be shown while the rest loads.
 */
export async function listRoles(target: IamTarget, onPage: (roles: RoleSummary[]) => void = () => undefined): Promise<RoleSummary[]> {
  const { paginateListRoles } = await import('./aws.js');
  const iam = await client(target);
  const all: RoleSummary[] = [];
  try {
    for await (const page of paginateListRoles({ client: iam, pageSize: 1000 }, {})) {
      if (target.abortSignal?.aborted) throw Object.assign(new Error('Listing roles was cancelled'), { name: 'AbortError' });
      const roles = (page.Roles ?? []).map(summary);
      all.push(...roles);
      onPage(roles);
    }
    return all;
  } finally {
    iam.destroy();
  }
}

/** iam:UpdateAssumeRolePolicy: replaces the role's trust policy. */
export async function updateTrustPolicy(roleName: string, policy: string, target: IamTarget): Promise<void> {
  const { UpdateAssumeRolePolicyCommand } = await import('./aws.js');
  const iam = await client(target);
  try {
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: policy }), send(target));
  } finally {
    iam.destroy();
  }
}

/** The role name of a role ARN (the last part of its path). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

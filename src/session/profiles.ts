import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { validateDuration, validateExternalId, validateMfaSerial, validateRoleArn } from './validation';

/** What a profile of the shared config/credentials files says about assuming a role. */
export interface RoleProfile {
  name: string;
  roleArn: string;
  sourceProfile?: string;
  credentialSource?: string;
  externalId?: string;
  mfaSerial?: string;
  durationSeconds?: number;
  roleSessionName?: string;
  region?: string;
  /** Settings that IAM would refuse, so the quick input can say so before calling STS. */
  problems: string[];
}

export type SourceKind = 'static' | 'sso' | 'process' | 'role' | 'web-identity' | 'other';

export interface ProfileSummary {
  name: string;
  kind: SourceKind;
  region?: string;
}

export interface ProfileFiles {
  /** Defaults follow AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, then ~/.aws/. */
  configFile?: string;
  credentialsFile?: string;
}

type Section = Record<string, string | undefined>;

/**
 * Every profile of the shared files (read with the SDK's own loader, so the same names and
 * precedence as the CLI): the ones that assume a role, and all of them as possible sources.
 */
export async function listProfiles(files: ProfileFiles = {}): Promise<{ roles: RoleProfile[]; all: ProfileSummary[] }> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    ...(files.configFile ? { configFilepath: files.configFile } : {}),
    ...(files.credentialsFile ? { filepath: files.credentialsFile } : {}),
    ignoreCache: true,
  });
  // The loader also returns [sso-session x] and [services x] sections, as "sso-session.x" …
  const names = [...new Set([...Object.keys(credentialsFile), ...Object.keys(configFile)])]
    .filter((name) => !/^(sso-session|services)\./.test(name))
    .sort();
  const roles: RoleProfile[] = [];
  const all: ProfileSummary[] = [];
  for (const name of names) {
    // As the CLI does: the config file's settings, with the credentials file's keys over them.
    const section: Section = { ...configFile[name], ...credentialsFile[name] };
    all.push({ name, kind: sourceKind(section), ...(section.region ? { region: section.region } : {}) });
    if (section.role_arn) roles.push(roleProfile(name, section));
  }
  return { roles, all };
}

function sourceKind(section: Section): SourceKind {
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'role';
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.credential_process) return 'process';
  if (section.aws_access_key_id) return 'static';
  return 'other';
}

function roleProfile(name: string, section: Section): RoleProfile {
  const problems: string[] = [];
  const check = (setting: string, problem: string | undefined) => {
    if (problem) problems.push(`${setting}: ${problem}`);
  };
  const roleArn = section.role_arn!;
  check('role_arn', validateRoleArn(roleArn));
  let durationSeconds: number | undefined;
  if (section.duration_seconds !== undefined) {
    check('duration_seconds', validateDuration(section.duration_seconds));
    durationSeconds = Number(section.duration_seconds);
  }
  if (section.external_id !== undefined) check('external_id', validateExternalId(section.external_id));
  if (section.mfa_serial !== undefined) check('mfa_serial', validateMfaSerial(section.mfa_serial));
  if (!section.source_profile && !section.credential_source && !section.web_identity_token_file) {
    problems.push('neither source_profile nor credential_source says which credentials assume the role');
  }
  const optional = (value: string | undefined, key: string) => (value !== undefined ? { [key]: value } : {});
  return {
    name,
    roleArn,
    ...optional(section.source_profile, 'sourceProfile'),
    ...optional(section.credential_source, 'credentialSource'),
    ...optional(section.external_id, 'externalId'),
    ...optional(section.mfa_serial, 'mfaSerial'),
    ...(durationSeconds !== undefined && !Number.isNaN(durationSeconds) ? { durationSeconds } : {}),
    ...optional(section.role_session_name, 'roleSessionName'),
    ...optional(section.region, 'region'),
    problems,
  };
}

/**
 * The endpoint a profile configures for a service, as the CLI reads it: `endpoint_url` in a
 * `services` section for the service, else the profile's own `endpoint_url`. The environment
 * (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL) wins over the file and
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns both off — the SDK applies those itself.
 */
export async function configuredEndpoint(profile: string, service: 'sts' | 'iam' | 'organizations', env: NodeJS.ProcessEnv = process.env, files: ProfileFiles = {}): Promise<string | undefined> {
  if (env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL || /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  const { configFile } = await loadSharedConfigFiles({ ...(files.configFile ? { configFilepath: files.configFile } : {}), ignoreCache: true });
  const section: Section | undefined = configFile[profile];
  if (!section || /^true$/i.test(section.ignore_configured_endpoint_urls ?? '')) return undefined;
  const services: Section | undefined = section.services ? configFile[`services.${section.services}`] : undefined;
  return services?.[`${service}.endpoint_url`] ?? section.endpoint_url;
}

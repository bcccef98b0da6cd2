import { sessionEnvironment, type SessionCredentials } from './credentials';
import { UNSAFE_FOR_DISPLAY } from '../policy/base/display';

/**
 * What a role session does to a terminal's environment, decided from what the real clients
 * read first (measured with the AWS CLI v1 and v2, boto3/botocore 1.29 and 1.43, and the JS
 * SDK v3 default chain; see docs/sessions.md):
 *
 * - Every client takes AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN before a
 *   [default] profile, web identity, container or instance credentials.
 * - AWS_PROFILE: the JS SDK v3 skips the environment's keys whenever it is non-empty, and
 *   uses that profile; the AWS CLI and botocore keep the environment's keys, but fail
 *   ("The config profile (x) could not be found") when it names no profile, and an empty
 *   value is such a name. So no value of AWS_PROFILE suits every client: the variable must be
 *   absent, and only a terminal the extension opens itself can remove it.
 * - botocore reads AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN (the first non-empty wins),
 *   so an inherited one would pair the session's keys with another token.
 */

/** The environment a terminal starts from: VS Code's own (the extension host's process.env). */
export type StartEnvironment = Readonly<Record<string, string | undefined>>;

/** The clients whose behaviour decides the terminal environment. */
export type AwsClient = 'AWS CLI' | 'boto3' | 'JS SDK v3';

export interface TerminalCaveat {
  /** The variable of the starting environment that causes it. */
  variable: string;
  /** Clients that do not get the session in an ordinary terminal because of it. */
  clients: AwsClient[];
  /** One sentence for the terminal's hover, the status-bar tooltip and the log; never a secret. */
  message: string;
}

export interface TerminalEnvironment {
  /** Variables every new terminal gets (replaced through the environment variable collection); never an empty value. */
  set: Record<string, string>;
  /**
   * Variables to remove in the terminals the extension opens itself (TerminalOptions.env with
   * null values): VS Code's collection can only replace, append or prepend, never remove.
   */
  remove: string[];
  /** What still keeps a client from the session in the terminals the extension does not open itself. */
  caveats: TerminalCaveat[];
  /**
   * 'endpoint': terminals get the window's credential endpoint and no keys, so running programs
   * follow refreshes and stop after Clear; 'keys': the keys themselves (see `keysBecause`).
   */
  mode: 'endpoint' | 'keys';
  /** Why the keys are in the environment rather than the endpoint (when one was offered). */
  keysBecause?: string;
}

/** The window's credential endpoint (src/session/credentialEndpoint.ts), for terminals. */
export interface EndpointVariables {
  url: string;
  token: string;
}

export interface TerminalEnvironmentOptions {
  /** Serve the session through this endpoint where no client would prefer something else. */
  endpoint?: EndpointVariables;
  /** Whether the shared files' [default] profile gives credentials (keys, role_arn, SSO, credential_process, web identity). */
  defaultProfileHasCredentials?: boolean;
}

/**
 * What in the starting environment would make some client take other credentials before the
 * container provider (measured: docs/sessions.md). Every client reads, before the container
 * provider: keys in the environment, web identity, and the profile (AWS_PROFILE, or [default])
 * with its keys, role_arn, SSO or credential_process. AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
 * beats FULL_URI in botocore and the JS SDK, and the JS SDK reads a token file before the token.
 * Undefined when nothing does: then the endpoint alone serves every client.
 */
export function endpointBlockedBy(start: StartEnvironment, defaultProfileHasCredentials: boolean): string | undefined {
  if (start.AWS_ACCESS_KEY_ID) return 'AWS_ACCESS_KEY_ID is set in VS Code\'s environment, and every client takes keys in the environment first';
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    if (start[name] !== undefined) return `${name} is set in VS Code's environment, and the clients read that profile before container credentials`;
  }
  if (start.AWS_WEB_IDENTITY_TOKEN_FILE) return 'AWS_WEB_IDENTITY_TOKEN_FILE is set in VS Code\'s environment, and every client reads web identity before container credentials';
  if (start.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set in VS Code\'s environment, and the clients prefer it to the full URI';
  if (start.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) return 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is set in VS Code\'s environment, and the JS SDK prefers it to the token';
  if (defaultProfileHasCredentials) return 'your [default] profile gives credentials, and every client reads it before container credentials';
  return undefined;
}

/** Profile variables that make some client ignore the session or fail; removed where the extension can. */
const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

/** The terminal environment of a session, for a terminal starting from `start`. */
export function terminalEnvironment(session: SessionCredentials, start: StartEnvironment, options: TerminalEnvironmentOptions = {}): TerminalEnvironment {
  const remove = PROFILE_VARIABLES.filter((name) => start[name] !== undefined);
  const blocked = options.endpoint ? endpointBlockedBy(start, options.defaultProfileHasCredentials ?? false) : undefined;
  if (options.endpoint && !blocked) {
    // No keys and no expiry (a refresh would make them stale): the endpoint serves the current ones.
    const set: Record<string, string> = {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: options.endpoint.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: options.endpoint.token,
      ...(session.region ? { AWS_REGION: session.region, AWS_DEFAULT_REGION: session.region } : {}),
    };
    return { set, remove, caveats: caveatsOf(start), mode: 'endpoint' };
  }
  const set = sessionEnvironment(session);
  // botocore takes the first non-empty of AWS_SECURITY_TOKEN and AWS_SESSION_TOKEN: an inherited
  // one is replaced by the session's token (the same value under its older name, never empty).
  if (start.AWS_SECURITY_TOKEN) set.AWS_SECURITY_TOKEN = session.sessionToken;
  const caveats = caveatsOf(start);
  if (blocked) {
    caveats.push({
      variable: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      clients: ['AWS CLI', 'boto3', 'JS SDK v3'],
      message: `Terminals get the session's keys, not the refreshing endpoint: ${blocked}. Programs keep the keys they started with (a refresh does not reach them; after Clear Session they work until the keys expire).`,
    });
  }
  return { set, remove, caveats, mode: 'keys', ...(blocked ? { keysBecause: blocked } : {}) };
}

function caveatsOf(start: StartEnvironment): TerminalCaveat[] {
  const caveats: TerminalCaveat[] = [];
  const profile = start.AWS_PROFILE;
  if (profile) {
    caveats.push({
      variable: 'AWS_PROFILE',
      clients: ['JS SDK v3'],
      message: `AWS_PROFILE=${printable(profile)} is set in VS Code's environment: the JS SDK v3 uses that profile rather than the session's keys (the AWS CLI and boto3 use the keys, and fail if no such profile exists). "IAM: Open Terminal in Session" opens a terminal without it.`,
    });
  } else if (profile === '') {
    caveats.push({
      variable: 'AWS_PROFILE',
      clients: ['AWS CLI', 'boto3'],
      message: `AWS_PROFILE is set but empty in VS Code's environment: the AWS CLI and boto3 look for a profile named "" and fail. "IAM: Open Terminal in Session" opens a terminal without it.`,
    });
  }
  const defaultProfile = start.AWS_DEFAULT_PROFILE;
  // The AWS CLI v2 reads AWS_PROFILE first; boto3 and the CLI v1 read AWS_DEFAULT_PROFILE first.
  if (defaultProfile === '') {
    caveats.push({
      variable: 'AWS_DEFAULT_PROFILE',
      clients: profile ? ['boto3'] : ['AWS CLI', 'boto3'],
      message: `AWS_DEFAULT_PROFILE is set but empty in VS Code's environment: boto3${profile ? '' : ' and the AWS CLI'} look for a profile named "" and fail. "IAM: Open Terminal in Session" opens a terminal without it.`,
    });
  }
  return caveats;
}

/** A value as a one-line hover may show it: at most 64 characters, no control characters. */
function printable(value: string): string {
  const clean = value.replace(UNSAFE_FOR_DISPLAY, '?');
  return JSON.stringify(clean.length > 64 ? `${clean.slice(0, 63)}…` : clean);
}

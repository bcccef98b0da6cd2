// "IAM: Open AWS Console as Role…": the console sign-in of a custom identity broker, with the
// window's role session. What AWS documents, and what this file relies on:
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
//   1. `getSigninToken` at the federation endpoint, with the temporary credentials as a JSON
//      `Session` parameter {"sessionId", "sessionKey", "sessionToken"}; AWS answers
//      {"SigninToken": "…"}.
//   2. With credentials from an AssumeRole* call, the request may carry `SessionDuration`, the
//      console session's length, 900 to 43,200 seconds. The same page says that the federation
//      call fails when the role's credentials were not obtained with an IAM user's long-term
//      credentials: for role chaining (a role session, or GetSessionToken keys, as the source)
//      SessionDuration is left out (tools that sent it were refused: synfinatic/aws-sso-cli#1247).
//   3. `Action=login` with Issuer, Destination (a console URL) and the SigninToken; the sign-in
//      URL is valid for 15 minutes after it is created.
// Partitions: aws-cn and aws-us-gov have their own sign-in and console hosts (the AWS CLI's
// `aws signin` command names them: signin.amazonaws.cn, signin.amazonaws-us-gov.com;
// aws/aws-cli awscli/customizations/signin/signin.py).
// Pure: no 'vscode', no Node built-ins (fetch is the platform's, or the caller's).
import type { SessionCredentials } from './credentials';

export type ConsolePartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** The domain of each partition that has a console: sign-in at `signin.<domain>`, the console at `console.<domain>`. */
export const CONSOLE_DOMAINS: Readonly<Record<ConsolePartition, string>> = {
  aws: 'aws.amazon.com',
  'aws-cn': 'amazonaws.cn',
  'aws-us-gov': 'amazonaws-us-gov.com',
};

/** A sign-in URL lets anyone who has it into the console for this long after it was made. */
export const SIGNIN_URL_LIFETIME_MS = 15 * 60_000;

/** SessionDuration's range at the federation endpoint (seconds). */
export const CONSOLE_SESSION_SECONDS = { min: 900, max: 43_200 } as const;

type Problem = { problem: string };

/**
 * The partition of a session: its role ARN's, else its region's (cn-…, us-gov-…). A partition
 * without a public console (aws-iso…) is a problem, said before anything is sent.
 */
export function consolePartition(session: { roleArn: string; region?: string }): { partition: ConsolePartition } | Problem {
  const fromArn = /^arn:([a-z-]+):/.exec(session.roleArn)?.[1];
  const partition = fromArn ?? (session.region?.startsWith('cn-') ? 'aws-cn' : session.region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
  if (partition in CONSOLE_DOMAINS) return { partition: partition as ConsolePartition };
  return { problem: `The AWS console sign-in is not offered for the partition ${partition} (of ${session.roleArn}).` };
}

export function defaultFederationEndpoint(partition: ConsolePartition): string {
  return `https://signin.${CONSOLE_DOMAINS[partition]}/federation`;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The federation endpoint to use: the setting's (checked), else the partition's. The session's
 * secret key goes there, so plain http is allowed for a loopback address only (a local endpoint).
 */
export function federationEndpoint(setting: string, partition: ConsolePartition): { endpoint: string } | Problem {
  const text = setting.trim();
  if (!text) return { endpoint: defaultFederationEndpoint(partition) };
  const where = `The setting iamTrust.console.federationEndpoint (${text})`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `${where} is not a URL, e.g. ${defaultFederationEndpoint(partition)}.` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return { problem: `${where} must be an https URL (http only on 127.0.0.1 or localhost): the session's secret key is sent there.` };
  }
  if (url.search || url.hash || url.username || url.password) return { problem: `${where} must have no query, fragment or user name.` };
  return { endpoint: url.href };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const CONSOLE_PATH = /^[A-Za-z0-9][A-Za-z0-9._~/-]*(\?[^#\s]*)?(#\S*)?$/;

/**
 * The console page to land on, in `region`: empty or "home" for the Console Home, a service path
 * such as `iam`, `ec2/home#Instances:` or `s3/buckets` (a bare service name gets `/home`), or a
 * full https URL on the partition's console host.
 */
export function consoleDestination(spec: string, region: string, partition: ConsolePartition): { url: string } | Problem {
  const domain = `console.${CONSOLE_DOMAINS[partition]}`;
  const text = spec.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || !(url.hostname === domain || url.hostname.endsWith(`.${domain}`))) {
      return { problem: `The console destination ${text} is not an https URL on ${domain}.` };
    }
    return { url: url.href };
  }
  if (!REGION.test(region)) return { problem: `"${region}" is not a region name such as us-east-1.` };
  const path = !text || text === 'home' ? 'console/home' : text.replace(/^\/+/, '');
  if (!CONSOLE_PATH.test(path)) return { problem: `The console destination "${text}" is not a console path such as ec2/home or s3/buckets.` };
  const [beforeHash, hash] = splitOnce(path, '#');
  const [route, query] = splitOnce(beforeHash, '?');
  const page = route.includes('/') ? route : `${route}/home`;
  const params = query ? `?${query}&region=${region}` : `?region=${region}`;
  return { url: `https://${region}.${domain}/${page}${params}${hash !== undefined ? `#${hash}` : ''}` };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Whether to send SessionDuration, and which: `wanted` 0 sends none (AWS's default applies); a
 * value outside 900–43,200 is a problem; a role-chained session (`chained`) sends none, since
 * the federation endpoint refuses it then, and says so in `note`.
 */
export function consoleSessionDuration(wanted: number, chained: boolean): { seconds?: number; note?: string } | Problem {
  if (wanted === 0) return {};
  if (!Number.isInteger(wanted) || wanted < CONSOLE_SESSION_SECONDS.min || wanted > CONSOLE_SESSION_SECONDS.max) {
    return { problem: `The setting iamTrust.console.sessionDurationSeconds (${wanted}) must be 0 or a whole number of seconds from ${CONSOLE_SESSION_SECONDS.min} to ${CONSOLE_SESSION_SECONDS.max}.` };
  }
  if (chained) return { note: 'The console session gets AWS\'s default length: SessionDuration is refused for a role assumed with temporary credentials (role chaining or an MFA session).' };
  return { seconds: wanted };
}

/** The getSigninToken request: a GET, as AWS documents it, with the session as JSON. Holds the secret key. */
export function signinTokenUrl(session: SessionCredentials, endpoint: string, sessionDurationSeconds?: number): string {
  const url = new URL(endpoint);
  url.searchParams.set('Action', 'getSigninToken');
  if (sessionDurationSeconds !== undefined) url.searchParams.set('SessionDuration', String(sessionDurationSeconds));
  url.searchParams.set('Session', JSON.stringify({ sessionId: session.accessKeyId, sessionKey: session.secretAccessKey, sessionToken: session.sessionToken }));
  return url.href;
}

/**
 * The sign-in token in the federation endpoint's answer, or what is wrong with the answer. The
 * problem never quotes the request, and any secret of `secrets` in the answer is redacted.
 */
export function parseSigninTokenAnswer(answer: { status: number; contentType?: string | null; body: string }, secrets: readonly string[] = []): { token: string } | Problem {
  const said = reasonIn(answer.body, secrets);
  const because = said ? ` It said: "${said}".` : '';
  if (answer.status === 400 || answer.status === 403) {
    return {
      problem:
        `The federation endpoint refused the session (HTTP ${answer.status}).${because} It accepts live role sessions from AssumeRole only: ` +
        'an expired or revoked session, keys that are not a role\'s, or a SessionDuration it does not allow for this session are refused. The session was not changed.',
    };
  }
  if (answer.status < 200 || answer.status > 299) return { problem: `The federation endpoint answered HTTP ${answer.status}.${because}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return { problem: `The federation endpoint answered HTTP ${answer.status} with ${answer.contentType ? answer.contentType.split(';')[0] : 'something'} that is not JSON: is iamTrust.console.federationEndpoint a federation endpoint?` };
  }
  const token = (parsed as { SigninToken?: unknown } | null)?.SigninToken;
  if (typeof token !== 'string' || !token) return { problem: 'The federation endpoint answered JSON without a SigninToken.' };
  return { token };
}

/** A short reason out of an error answer (JSON message, an HTML title or heading, or text), secrets redacted. */
function reasonIn(body: string, secrets: readonly string[]): string {
  let text = body;
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    text = String(json.message ?? json.Message ?? json.error ?? '');
  } catch {
    const heading = /<(title|h1)[^>]*>([\s\S]*?)<\/\1>/i.exec(body)?.[2];
    text = heading ?? (/<[a-z!]/i.test(body) ? '' : body);
  }
  const plain = redactSecrets(text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), secrets);
  return plain.length > 160 ? `${plain.slice(0, 157)}…` : plain;
}

/** `text` with every secret of `secrets` (as written, percent-encoded or form-encoded) replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join('[redacted]');
    }
  }
  return out;
}

/** The secrets of a session that no message may show. */
export function sessionSecrets(session: SessionCredentials): string[] {
  return [session.secretAccessKey, session.sessionToken];
}

/** The sign-in URL for a sign-in token: valid for 15 minutes, a bearer credential. */
export function loginUrl(endpoint: string, options: { issuer: string; destination: string; signinToken: string }): string {
  const url = new URL(endpoint);
  url.searchParams.set('Action', 'login');
  url.searchParams.set('Issuer', options.issuer);
  url.searchParams.set('Destination', options.destination);
  url.searchParams.set('SigninToken', options.signinToken);
  return url.href;
}

export interface ConsoleSignInOptions {
  endpoint: string;
  destination: string;
  issuer: string;
  sessionDurationSeconds?: number;
  signal?: AbortSignal;
  /** How long to wait for the federation endpoint, in ms (default 15 s). */
  timeoutMs?: number;
  now?: () => Date;
}

export type FetchLike = (url: string, init: { method: string; signal: AbortSignal; headers: Record<string, string> }) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/**
 * getSigninToken with the session, then the sign-in URL. Never throws: a refusal, a network error
 * or a cancellation comes back as a problem, with no secret in it. Only reads the session.
 */
export async function consoleSignInUrl(session: SessionCredentials, options: ConsoleSignInOptions, fetchImpl: FetchLike = fetch): Promise<{ url: string; expiresAt: Date } | Problem> {
  const secrets = sessionSecrets(session);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let answer: { status: number; contentType: string | null; body: string };
  try {
    const response = await fetchImpl(signinTokenUrl(session, options.endpoint, options.sessionDurationSeconds), { method: 'GET', signal, headers: { accept: 'application/json' } });
    answer = { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  } catch (error) {
    if (options.signal?.aborted) return { problem: 'Cancelled: nothing was opened.' };
    const origin = new URL(options.endpoint).origin;
    if (timeout.aborted) return { problem: `The federation endpoint ${origin} did not answer within ${Math.round((options.timeoutMs ?? 15_000) / 1000)} s.` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
    return { problem: `The federation endpoint ${origin} could not be reached: ${redactSecrets(why, secrets)}.` };
  }
  const parsed = parseSigninTokenAnswer(answer, secrets);
  if ('problem' in parsed) {
    // The one refusal the person can fix here: SessionDuration for a role assumed with temporary credentials.
    const duration = options.sessionDurationSeconds !== undefined && (answer.status === 400 || answer.status === 403);
    return duration ? { problem: `${parsed.problem} If this role was assumed with temporary credentials (role chaining), set iamTrust.console.sessionDurationSeconds to 0.` } : parsed;
  }
  const now = options.now?.() ?? new Date();
  return {
    url: loginUrl(options.endpoint, { issuer: options.issuer, destination: options.destination, signinToken: parsed.token }),
    expiresAt: new Date(now.getTime() + SIGNIN_URL_LIFETIME_MS),
  };
}

/**
 * The warning after a secret went to the clipboard (Copy Credentials As…, Copy Console URL):
 * what was copied, whose it is, until when it lets someone in.
 */
export function copiedSecretWarning(what: { text: string; plural?: boolean }, assumedRoleArn: string, until: Date): string {
  const [they, them] = what.plural ? ['They are', 'them'] : ['It is', 'it'];
  return `Copied ${what.text} of ${assumedRoleArn}. ${they} a secret until ${until.toLocaleTimeString()}: do not paste ${them} into chats, tickets or files under version control.`;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionCredentials } from './credentials';

/**
 * The window's role session served to programs through the SDKs' container-credentials
 * protocol (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN), on
 * 127.0.0.1 only. What the clients accept (read in their sources):
 *
 * - botocore (AWS CLI v1/v2, boto3): FULL_URI only on 169.254.170.2, localhost or 127.0.0.1;
 *   sends the token as the Authorization header; needs AccessKeyId, SecretAccessKey, Token
 *   and Expiration; a non-200 answer is an error that quotes the body; it retries 3 times a
 *   second apart. It refreshes before each request once fewer than 10 minutes are left
 *   (mandatory refresh: a failure fails the request).
 * - JS SDK v3 (fromHttp): http only on loopback; the same four fields, Expiration as RFC 3339;
 *   a 4xx answer's JSON Code and Message are kept on the error; 3 retries a second apart. It
 *   refreshes in the background once fewer than 5 minutes are left, and keeps using the
 *   credentials it holds until their Expiration has passed.
 *
 * So the Expiration served is at most VENDED_LIFETIME_MS ahead: every client asks again before
 * (nearly) every call, picks up a refresh's new keys at once, and stops within that time after
 * Clear Session or expiry, as the endpoint then refuses. The token is never logged, never
 * written to disk, and compared in constant time.
 */

/** How far ahead the Expiration served lies: how long a program may go on after Clear. */
export const VENDED_LIFETIME_MS = 5_000;
/** The path of the credentials; the port is random. */
export const CREDENTIALS_PATH = '/iam-trust/credentials';

export type NoSessionReason = 'none' | 'cleared' | 'expired';

export interface EndpointRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface EndpointAnswer {
  status: number;
  /** JSON: the credentials, or {Code, Message} (what the JS SDK keeps on its error and botocore quotes). */
  body: string;
}

/** A new random token for a window: 256 bits, base64url (no character a header or shell would mangle). */
export function newEndpointToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether `given` is the token, in time independent of where they differ (and of their lengths). */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

const error = (status: number, code: string, message: string): EndpointAnswer => ({ status, body: JSON.stringify({ Code: code, Message: message }) });

/** The answer to one request: the session's credentials for the right token, else why not. Never echoes the token. */
export function answerCredentialRequest(
  request: EndpointRequest,
  token: string,
  state: { session: SessionCredentials | undefined; reason: NoSessionReason },
  now: Date = new Date(),
): EndpointAnswer {
  // A browser page could reach a loopback port: it sends Origin, no SDK does.
  if (request.headers.origin !== undefined) return error(403, 'Forbidden', 'Requests from web pages are refused.');
  if ((request.url ?? '').split('?')[0] !== CREDENTIALS_PATH) return error(404, 'NotFound', `Only ${CREDENTIALS_PATH} is served.`);
  if (request.method !== 'GET') return error(405, 'MethodNotAllowed', 'Only GET is served.');
  const authorization = request.headers.authorization;
  if (authorization === undefined || authorization === '') {
    return error(401, 'MissingAuthorizationToken', 'No authorization token: set AWS_CONTAINER_AUTHORIZATION_TOKEN as the VS Code terminal that set AWS_CONTAINER_CREDENTIALS_FULL_URI has it.');
  }
  if (Array.isArray(authorization) || !tokenMatches(authorization, token)) {
    return error(403, 'InvalidAuthorizationToken', 'The authorization token is not this VS Code window\'s (AWS_CONTAINER_AUTHORIZATION_TOKEN of another window, or changed).');
  }
  const session = state.session;
  if (!session || session.expiration.getTime() <= now.getTime()) {
    const reason = session ? 'expired' : state.reason;
    const message =
      reason === 'expired'
        ? 'The VS Code role session has expired. Refresh it ("IAM: Refresh Role Session") and this terminal gets the new credentials.'
        : reason === 'cleared'
          ? 'The VS Code role session was cleared ("IAM: Clear Session"): no credentials are served. Assume a role again, or open a new terminal for your own credentials.'
          : 'No VS Code role session: run "IAM: Assume Role…".';
    return error(404, reason === 'expired' ? 'SessionExpired' : 'NoSession', message);
  }
  const expiration = new Date(Math.min(session.expiration.getTime(), now.getTime() + VENDED_LIFETIME_MS));
  return {
    status: 200,
    body: JSON.stringify({ AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, Token: session.sessionToken, Expiration: expiration.toISOString() }),
  };
}

/**
 * The endpoint of a window: one server on 127.0.0.1 and a random port, serving whatever session
 * it is given. The server starts on first use (`ready`, `start()`): a window that never has a
 * role session opens no port and pays nothing for it at start-up.
 */
export class CredentialEndpoint {
  readonly token = newEndpointToken();
  private state: { session: SessionCredentials | undefined; reason: NoSessionReason } = { session: undefined, reason: 'none' };
  private server: Server | undefined;
  private listening: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Starts the server, once; resolves once it listens (rejects if it cannot). */
  start(): Promise<void> {
    if (this.listening) return this.listening;
    if (this.disposed) return (this.listening = Promise.reject(new Error('the credential endpoint was disposed')));
    const server = createServer((req: IncomingMessage, res) => {
      // No body is read or needed; whatever was sent is discarded.
      req.resume();
      const { status, body } = answerCredentialRequest(req, this.token, this.state, this.now());
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    this.server = server;
    this.listening = new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.listening;
  }

  /** Resolves once the server listens (rejects if it cannot); starts it if need be. */
  get ready(): Promise<void> {
    return this.start();
  }

  /** The URL for AWS_CONTAINER_CREDENTIALS_FULL_URI; undefined until the server listens. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://127.0.0.1:${address.port}${CREDENTIALS_PATH}` : undefined;
  }

  serve(session: SessionCredentials): void {
    this.state = { session, reason: 'none' };
  }

  withdraw(reason: Exclude<NoSessionReason, 'none'>): void {
    this.state = { session: undefined, reason };
  }

  dispose(): void {
    this.disposed = true;
    this.withdraw('cleared');
    this.server?.closeAllConnections?.();
    this.server?.close();
  }
}

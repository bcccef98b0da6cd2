// The console federation endpoint of the local AWS (for tests and the demo): `getSigninToken`
// and `Action=login` at /federation, as the custom identity broker page describes them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html).
// It takes only role sessions it issued itself, live, with their own secret key and token; it
// refuses anything else with HTTP 400 and an HTML page, as signin.aws.amazon.com does for
// credentials it does not accept. SessionDuration (900–43,200) is refused for sessions assumed
// with temporary credentials (role chaining or GetSessionToken keys), and GetSessionToken or
// long-term keys get no console. A sign-in token lasts 15 minutes; the login page names the role.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the federation endpoint needs to know of a key the local AWS issued or knows. */
export interface FederationCaller {
  arn: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  /** The role, for a role session. */
  roleArn?: string;
  /** A role session assumed with temporary credentials. */
  chained?: boolean;
}

export interface FederationOptions {
  caller(accessKeyId: string): FederationCaller | undefined;
  now(): Date;
  /** Where each getSigninToken and each accepted login is recorded, as the other actions are (tests check what was sent). */
  calls: Array<{ action: string; accessKeyId: string }>;
  /** Where issued sign-in tokens go, for the leak scans. */
  issuedSecrets: string[];
}

export interface FederationAnswer {
  status: number;
  contentType: string;
  body: string;
}

export const FEDERATION_PATH = '/federation';
const TOKEN_LIFETIME_MS = 15 * 60_000;

const htmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, text: string): FederationAnswer {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${htmlEscape(title)}</title></head><body><h1>${htmlEscape(title)}</h1><p>${htmlEscape(text)}</p></body></html>`,
  };
}

export function federationEndpoint(options: FederationOptions) {
  const tokens = new Map<string, { accessKeyId: string; arn: string; roleArn: string; expires: Date; consoleSeconds?: number }>();

  function getSigninToken(params: URLSearchParams): FederationAnswer {
    const refused = (why: string) => page(400, 'Invalid credentials parameter', why);
    let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
    try {
      session = JSON.parse(params.get('Session') ?? '') as typeof session;
    } catch {
      return refused('The Session parameter is not JSON.');
    }
    if (typeof session?.sessionId !== 'string') return refused('The Session parameter has no sessionId.');
    options.calls.push({ action: 'getSigninToken', accessKeyId: session.sessionId });
    const caller = options.caller(session.sessionId);
    if (!caller || caller.secretAccessKey !== session.sessionKey || !caller.sessionToken || caller.sessionToken !== session.sessionToken) {
      return refused('The credentials are not valid temporary credentials.');
    }
    if (!caller.roleArn) return refused('Only role sessions can sign in to the console here.');
    if (caller.expiration && caller.expiration <= options.now()) return refused('The credentials have expired.');
    const duration = params.get('SessionDuration');
    if (duration !== null) {
      const seconds = Number(duration);
      if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) return refused('SessionDuration must be from 900 to 43200.');
      if (caller.chained) return refused('SessionDuration is not allowed for a role assumed with temporary credentials.');
    }
    const token = randomBytes(48).toString('base64url');
    options.issuedSecrets.push(token);
    tokens.set(token, { accessKeyId: session.sessionId, arn: caller.arn, roleArn: caller.roleArn, expires: new Date(options.now().getTime() + TOKEN_LIFETIME_MS), ...(duration ? { consoleSeconds: Number(duration) } : {}) });
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ SigninToken: token }) };
  }

  function login(params: URLSearchParams): FederationAnswer {
    const signin = tokens.get(params.get('SigninToken') ?? '');
    if (!signin || signin.expires <= options.now()) return page(400, 'Sign-in failed', 'The sign-in token is not valid or has expired (they last 15 minutes).');
    const destination = params.get('Destination') ?? '';
    if (!/^https:\/\//.test(destination)) return page(400, 'Sign-in failed', 'Destination must be an https URL of the console.');
    options.calls.push({ action: 'login', accessKeyId: signin.accessKeyId });
    const issuer = params.get('Issuer') ?? '';
    return page(
      200,
      `Local AWS console: ${signin.arn}`,
      `Signed in as ${signin.arn} (role ${signin.roleArn}), on its way to ${destination}` +
        `${signin.consoleSeconds ? ` for ${signin.consoleSeconds} s` : ''}${issuer ? `, issued by ${issuer}` : ''}. This is the local endpoint for tests and demos: there is no console here.`,
    );
  }

  return {
    /** Whether a request is for the federation endpoint (its path), not for STS or IAM. */
    serves(req: Pick<IncomingMessage, 'url'>): boolean {
      return new URL(req.url ?? '/', 'http://local').pathname === FEDERATION_PATH;
    },
    handle(req: Pick<IncomingMessage, 'url' | 'method'>, body: Buffer): FederationAnswer {
      const params = new URL(req.url ?? '/', 'http://local').searchParams;
      if (req.method === 'POST') for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
      switch (params.get('Action')) {
        case 'getSigninToken':
          return getSigninToken(params);
        case 'login':
          return login(params);
        default:
          return page(400, 'Bad request', 'Action must be getSigninToken or login.');
      }
    },
  };
}

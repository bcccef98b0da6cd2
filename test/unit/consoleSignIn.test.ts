import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  consoleDestination,
  consolePartition,
  consoleSessionDuration,
  consoleSignInUrl,
  copiedSecretWarning,
  federationEndpoint,
  loginUrl,
  parseSigninTokenAnswer,
  redactSecrets,
  signinTokenUrl,
  type FetchLike,
} from '../../src/session/consoleSignIn';
import { startLocalAws, trustPolicy } from '../local-aws/server';

// Made-up keys with characters that URL and JSON encodings change (+ / =).
const session = {
  accessKeyId: 'ASIAEXAMPLE000000001',
  secretAccessKey: 'wJalr+XUtnFEMI/K7MDENG=bPxRfiCYsecret',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/token/with+plus==',
  expiration: new Date('2030-01-01T00:00:00Z'),
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::111122223333:role/Deploy',
  assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Deploy/alice',
};
const secrets = [session.secretAccessKey, session.sessionToken];
const noSecretIn = (text: string) => {
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) assert.ok(!text.includes(form), `a secret in: ${text}`);
  }
};

describe('console sign-in: partition and federation endpoint', () => {
  for (const [roleArn, region, partition, endpoint] of [
    ['arn:aws:iam::111122223333:role/Deploy', 'us-east-1', 'aws', 'https://signin.aws.amazon.com/federation'],
    ['arn:aws-cn:iam::111122223333:role/Deploy', 'cn-north-1', 'aws-cn', 'https://signin.amazonaws.cn/federation'],
    ['arn:aws-us-gov:iam::111122223333:role/Deploy', 'us-gov-west-1', 'aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
    // The ARN's partition wins over the region's.
    ['arn:aws:iam::111122223333:role/Deploy', 'cn-north-1', 'aws', 'https://signin.aws.amazon.com/federation'],
    // Without a partition in the ARN, the region tells.
    ['not-an-arn', 'us-gov-east-1', 'aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
  ] as const) {
    it(`${roleArn} in ${region}: ${partition}, ${endpoint}`, () => {
      const found = consolePartition({ roleArn, region });
      assert.deepEqual(found, { partition });
      assert.deepEqual(federationEndpoint('', partition), { endpoint });
    });
  }

  it('refuses a partition without a public console before anything is sent', () => {
    const found = consolePartition({ roleArn: 'arn:aws-iso:iam::111122223333:role/Deploy' });
    assert.match('problem' in found ? found.problem : '', /not offered for the partition aws-iso/);
  });

  it('takes the setting when it is https, or http on a loopback address only', () => {
    assert.deepEqual(federationEndpoint(' https://signin.example.internal/federation ', 'aws'), { endpoint: 'https://signin.example.internal/federation' });
    assert.deepEqual(federationEndpoint('http://127.0.0.1:4566/federation', 'aws'), { endpoint: 'http://127.0.0.1:4566/federation' });
    assert.deepEqual(federationEndpoint('http://localhost:4566/federation', 'aws'), { endpoint: 'http://localhost:4566/federation' });
    for (const [setting, why] of [
      ['http://signin.example.com/federation', /https URL/],
      ['http://127.0.0.1.example.com/federation', /https URL/],
      ['ftp://127.0.0.1/federation', /https URL/],
      ['signin.aws.amazon.com/federation', /not a URL/],
      ['https://signin.aws.amazon.com/federation?Action=login', /no query/],
      ['https://user:pw@signin.aws.amazon.com/federation', /no query, fragment or user/],
    ] as const) {
      const result = federationEndpoint(setting, 'aws');
      assert.match('problem' in result ? result.problem : 'accepted', why, setting);
    }
  });
});

describe('console sign-in: destination', () => {
  for (const [spec, region, partition, url] of [
    ['', 'eu-west-1', 'aws', 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'],
    ['home', 'us-east-1', 'aws', 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1'],
    ['iam', 'us-east-1', 'aws', 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1'],
    ['/s3/buckets', 'eu-central-1', 'aws', 'https://eu-central-1.console.aws.amazon.com/s3/buckets?region=eu-central-1'],
    ['ec2/home#Instances:', 'eu-west-1', 'aws', 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:'],
    ['cloudwatch/home?tab=alarms#alarmsV2:', 'eu-west-1', 'aws', 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?tab=alarms&region=eu-west-1#alarmsV2:'],
    ['lambda', 'cn-north-1', 'aws-cn', 'https://cn-north-1.console.amazonaws.cn/lambda/home?region=cn-north-1'],
    ['', 'us-gov-west-1', 'aws-us-gov', 'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1'],
    ['https://console.aws.amazon.com/iam/home#/roles', 'eu-west-1', 'aws', 'https://console.aws.amazon.com/iam/home#/roles'],
    ['https://eu-west-1.console.aws.amazon.com/ec2/home', 'eu-west-1', 'aws', 'https://eu-west-1.console.aws.amazon.com/ec2/home'],
  ] as const) {
    it(`"${spec}" in ${region} (${partition}) → ${url}`, () => {
      assert.deepEqual(consoleDestination(spec, region, partition), { url });
    });
  }

  for (const [spec, region, partition, why] of [
    ['https://evil.example.com/console.aws.amazon.com', 'us-east-1', 'aws', /not an https URL on console\.aws\.amazon\.com/],
    ['https://console.aws.amazon.com.evil.example/', 'us-east-1', 'aws', /not an https URL/],
    ['http://console.aws.amazon.com/', 'us-east-1', 'aws', /not an https URL/],
    ['https://console.aws.amazon.com/', 'cn-north-1', 'aws-cn', /not an https URL on console\.amazonaws\.cn/],
    ['javascript:alert(1)', 'us-east-1', 'aws', /not an https URL/],
    ['ec2 home', 'us-east-1', 'aws', /not a console path/],
    ['iam', 'us-east-1"><script>', 'aws', /not a region name/],
  ] as const) {
    it(`refuses "${spec}" in ${region}`, () => {
      const result = consoleDestination(spec, region, partition);
      assert.match('problem' in result ? result.problem : 'accepted', why);
    });
  }
});

describe('console sign-in: SessionDuration', () => {
  for (const [wanted, chained, expected] of [
    [0, false, {}],
    [0, true, {}],
    [900, false, { seconds: 900 }],
    [43_200, false, { seconds: 43_200 }],
    [3600, true, 'note'],
    [899, false, 'problem'],
    [43_201, false, 'problem'],
    [1800.5, false, 'problem'],
    [-1, true, 'problem'],
  ] as const) {
    it(`${wanted} s${chained ? ', role chaining' : ''}: ${typeof expected === 'string' ? expected : JSON.stringify(expected)}`, () => {
      const result = consoleSessionDuration(wanted, chained);
      if (expected === 'note') {
        assert.equal('seconds' in result, false, 'not sent for a chained role');
        assert.match('note' in result ? result.note! : '', /role chaining/);
      } else if (expected === 'problem') assert.match('problem' in result ? result.problem : '', /900 to 43200/);
      else assert.deepEqual(result, expected);
    });
  }

  it('goes into the getSigninToken request only when given', () => {
    const without = new URL(signinTokenUrl(session, 'https://signin.aws.amazon.com/federation'));
    assert.equal(without.searchParams.has('SessionDuration'), false);
    const withIt = new URL(signinTokenUrl(session, 'https://signin.aws.amazon.com/federation', 7200));
    assert.equal(withIt.searchParams.get('SessionDuration'), '7200');
  });
});

describe('console sign-in: requests and URLs', () => {
  it('getSigninToken carries the session as the JSON AWS documents', () => {
    const url = new URL(signinTokenUrl(session, 'https://signin.aws.amazon.com/federation'));
    assert.equal(url.origin + url.pathname, 'https://signin.aws.amazon.com/federation');
    assert.equal(url.searchParams.get('Action'), 'getSigninToken');
    assert.deepEqual(JSON.parse(url.searchParams.get('Session')!), { sessionId: session.accessKeyId, sessionKey: session.secretAccessKey, sessionToken: session.sessionToken });
    assert.ok(!url.href.includes('+XUt'), 'a + in the secret is percent-encoded, not read as a space');
  });

  it('Action=login has Issuer, Destination and the token, each encoded once', () => {
    const destination = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:';
    const href = loginUrl('https://signin.aws.amazon.com/federation', { issuer: 'vscode-iam-trust-sessions', destination, signinToken: 'tok+en/=' });
    const url = new URL(href);
    assert.deepEqual([...url.searchParams.keys()], ['Action', 'Issuer', 'Destination', 'SigninToken']);
    assert.equal(url.searchParams.get('Action'), 'login');
    assert.equal(url.searchParams.get('Destination'), destination);
    assert.equal(url.searchParams.get('SigninToken'), 'tok+en/=');
    assert.equal(url.hash, '', 'the destination\'s fragment stays inside Destination');
  });
});

describe('console sign-in: the federation endpoint\'s answer', () => {
  it('takes the SigninToken of a JSON answer', () => {
    assert.deepEqual(parseSigninTokenAnswer({ status: 200, contentType: 'application/json', body: '{"SigninToken":"abc"}' }), { token: 'abc' });
  });

  for (const [name, answer, why] of [
    ['HTTP 400 with an HTML page', { status: 400, contentType: 'text/html', body: '<html><head><title>Invalid credentials parameter</title></head><body>…</body></html>' }, /refused the session \(HTTP 400\)\. It said: "Invalid credentials parameter"/],
    ['HTTP 403', { status: 403, contentType: 'text/plain', body: 'Forbidden' }, /refused the session \(HTTP 403\)/],
    ['HTTP 500', { status: 500, contentType: 'text/plain', body: 'oops' }, /answered HTTP 500/],
    ['HTTP 200 with HTML', { status: 200, contentType: 'text/html; charset=utf-8', body: '<html>sign in</html>' }, /HTTP 200 with text\/html that is not JSON/],
    ['JSON without a token', { status: 200, contentType: 'application/json', body: '{"Other":"x"}' }, /without a SigninToken/],
    ['JSON null', { status: 200, contentType: 'application/json', body: 'null' }, /without a SigninToken/],
    ['an empty token', { status: 200, contentType: 'application/json', body: '{"SigninToken":""}' }, /without a SigninToken/],
  ] as const) {
    it(`${name}: a clear problem`, () => {
      const result = parseSigninTokenAnswer(answer, secrets);
      assert.match('problem' in result ? result.problem : 'accepted', why);
    });
  }

  it('never repeats a secret that the answer echoes', () => {
    for (const body of [
      `<title>bad session ${session.secretAccessKey}</title>`,
      `{"message":"bad token ${session.sessionToken}"}`,
      `bad ${encodeURIComponent(session.sessionToken)}`,
      `bad ${new URLSearchParams({ s: session.secretAccessKey }).toString().slice(2)}`,
    ]) {
      const result = parseSigninTokenAnswer({ status: 400, contentType: 'text/html', body }, secrets);
      assert.ok('problem' in result);
      noSecretIn(result.problem);
      assert.match(result.problem, /\[redacted\]/);
    }
    assert.equal(redactSecrets('short', ['short']), 'short', 'strings under 8 characters are not treated as secrets');
  });
});

describe('console sign-in: the whole exchange', () => {
  const options = { endpoint: 'https://signin.aws.amazon.com/federation', destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1', issuer: 'test', now: () => new Date('2030-01-01T00:00:00Z') };
  const answering =
    (status: number, body: string, contentType = 'application/json', seen: string[] = []): FetchLike =>
    async (url) => {
      seen.push(url);
      return { status, headers: { get: () => contentType }, text: async () => body };
    };

  it('asks once, and gives a sign-in URL valid for 15 minutes', async () => {
    const seen: string[] = [];
    const result = await consoleSignInUrl(session, options, answering(200, '{"SigninToken":"T0KEN"}', 'application/json', seen));
    assert.ok('url' in result);
    assert.equal(seen.length, 1);
    assert.equal(new URL(result.url).searchParams.get('SigninToken'), 'T0KEN');
    assert.equal(result.expiresAt.toISOString(), '2030-01-01T00:15:00.000Z');
    noSecretIn(result.url);
  });

  it('a network failure is a problem naming the endpoint, without the request', async () => {
    const failing: FetchLike = async (url) => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED for ${url}` } });
    };
    const result = await consoleSignInUrl(session, options, failing);
    assert.ok('problem' in result);
    assert.match(result.problem, /https:\/\/signin\.aws\.amazon\.com could not be reached: ECONNREFUSED/);
    noSecretIn(result.problem);
    // A cause with only a message that quotes the URL: redacted.
    const quoting: FetchLike = async (url) => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { message: `bad URL ${url}` } });
    };
    const quoted = await consoleSignInUrl(session, options, quoting);
    assert.ok('problem' in quoted);
    noSecretIn(quoted.problem);
  });

  it('a cancellation says nothing was opened', async () => {
    const abort = new AbortController();
    abort.abort();
    const waiting: FetchLike = async (_url, init) => {
      init.signal.throwIfAborted();
      throw new Error('unreachable');
    };
    const result = await consoleSignInUrl(session, { ...options, signal: abort.signal }, waiting);
    assert.deepEqual(result, { problem: 'Cancelled: nothing was opened.' });
  });

  it('the warning after a copy reads as Copy Credentials\' does', () => {
    const until = new Date('2030-01-01T00:15:00Z');
    assert.equal(
      copiedSecretWarning({ text: 'bash credentials', plural: true }, session.assumedRoleArn, until),
      `Copied bash credentials of ${session.assumedRoleArn}. They are a secret until ${until.toLocaleTimeString()}: do not paste them into chats, tickets or files under version control.`,
    );
    assert.match(copiedSecretWarning({ text: 'a console sign-in URL' }, session.assumedRoleArn, until), /It is a secret until .*: do not paste it into/);
  });
});

describe('console sign-in against the local federation endpoint', () => {
  it('signs in a live role session, and the login page names the role; refuses what AWS refuses', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const local = await startLocalAws({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' }],
      roles: [
        { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) },
        { name: 'Next', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
      ],
      now: () => now,
    });
    try {
      const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
      const assume = async (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, role: string) => {
        const sts = new STSClient({ region: 'us-east-1', endpoint: local.endpoint, credentials });
        const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::111122223333:role/${role}`, RoleSessionName: 'alice', DurationSeconds: 900 }));
        sts.destroy();
        return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken!, expiration: c!.Expiration! };
      };
      const deploy = await assume({ accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' }, 'Deploy');
      const signIn = (credentials: typeof deploy, sessionDurationSeconds?: number) =>
        consoleSignInUrl(credentials, { endpoint: local.federationEndpoint, destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1', issuer: 'test', ...(sessionDurationSeconds ? { sessionDurationSeconds } : {}) });

      const ok = await signIn(deploy, 7200);
      assert.ok('url' in ok, JSON.stringify(ok));
      const page = await (await fetch(ok.url)).text();
      assert.match(page, /Signed in as arn:aws:sts::111122223333:assumed-role\/Deploy\/alice/);
      assert.match(page, /for 7200 s/);

      // Keys the endpoint never issued, a wrong secret, long-term keys: refused, no secret in the message.
      for (const wrong of [
        { ...deploy, accessKeyId: 'ASIANEVERISSUED0000' },
        { ...deploy, secretAccessKey: 'not-the-secret-of-this-session' },
        { ...deploy, sessionToken: 'not-the-token-of-this-session' },
        { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret', sessionToken: '', expiration: deploy.expiration },
      ]) {
        const refused = await signIn(wrong);
        assert.ok('problem' in refused);
        assert.match(refused.problem, /refused the session \(HTTP 400\)/);
        assert.doesNotMatch(refused.problem, /sessionDurationSeconds/, 'no SessionDuration was sent');
        for (const secret of [wrong.secretAccessKey, wrong.sessionToken].filter((s) => s.length >= 8)) assert.ok(!refused.problem.includes(secret));
      }

      // Role chaining: SessionDuration refused, accepted without it.
      const next = await assume(deploy, 'Next');
      const chained = await signIn(next, 3600);
      assert.match('problem' in chained ? chained.problem : '', /HTTP 400.*set iamTrust\.console\.sessionDurationSeconds to 0\.$/);
      assert.ok('url' in (await signIn(next)));

      // Expired: refused; and a sign-in token lasts 15 minutes.
      now = new Date(now.getTime() + 16 * 60_000);
      assert.match(await (await fetch(ok.url)).text(), /not valid or has expired/);
      const expired = await signIn(deploy);
      assert.ok('problem' in expired && /HTTP 400/.test(expired.problem));
      assert.equal(local.calls.filter((c) => c.action === 'getSigninToken').length, 8);
    } finally {
      await local.close();
    }
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { answerCredentialRequest, CREDENTIALS_PATH, CredentialEndpoint, tokenMatches, VENDED_LIFETIME_MS } from '../../../src/session/credentialEndpoint';
import { assumeRole, type AssumedSession } from '../../../src/session/sts';
import { endpointBlockedBy, terminalEnvironment } from '../../../src/session/terminalEnvironment';
import { SessionEnvironment } from '../../../src/terminal/sessionEnvironment';
import { findClients, pool, run } from '../../clients/clients';
import { loopArgv, startLoop, type LoopClient } from '../../clients/loop';
import { fakeCollection, terminalProcessEnvironment } from '../../clients/terminal';
import { startLocalAws, trustPolicy, type LocalAws } from '../../local-aws/server';

// Issue 12, section 2: the window's credential endpoint (the SDKs' container-credentials protocol).

const session = {
  accessKeyId: 'ASIAEXAMPLE000000000',
  secretAccessKey: 'secret-of-the-session',
  sessionToken: 'token-of-the-session',
  expiration: new Date('2030-01-01T12:00:00Z'),
  region: 'eu-west-1',
};
const now = new Date('2030-01-01T11:00:00Z');
const request = (headers: Record<string, string> = { authorization: 'right-token' }, method = 'GET', url = CREDENTIALS_PATH) => ({ method, url, headers });
const live = { session, reason: 'none' as const };

describe('credential endpoint: answers', () => {
  it('serves the session for the right token, in the shape botocore and the JS SDK require, with a short Expiration', () => {
    const answer = answerCredentialRequest(request(), 'right-token', live, now);
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      Token: session.sessionToken,
      // Clients ask again before (nearly) every call: a refresh reaches them, Clear stops them.
      Expiration: new Date(now.getTime() + VENDED_LIFETIME_MS).toISOString(),
    });
    const nearEnd = new Date(session.expiration.getTime() - 1000);
    assert.equal(JSON.parse(answerCredentialRequest(request(), 'right-token', live, nearEnd).body).Expiration, session.expiration.toISOString(), 'never beyond the session');
  });

  it('refuses a missing token with 401 and a wrong one with 403, never echoing either', () => {
    const missing = answerCredentialRequest(request({}), 'right-token', live, now);
    assert.equal(missing.status, 401);
    assert.equal(JSON.parse(missing.body).Code, 'MissingAuthorizationToken');
    assert.equal(answerCredentialRequest(request({ authorization: '' }), 'right-token', live, now).status, 401);
    for (const wrong of ['wrong-token', 'right-toke', 'right-token ', 'RIGHT-TOKEN']) {
      const answer = answerCredentialRequest(request({ authorization: wrong }), 'right-token', live, now);
      assert.equal(answer.status, 403, wrong);
      assert.ok(!answer.body.includes(wrong.trim()) && !answer.body.includes('right-token'));
      assert.ok(!answer.body.includes(session.secretAccessKey));
    }
  });

  it('says why there are no credentials after Clear Session and after expiry', () => {
    const cleared = answerCredentialRequest(request(), 'right-token', { session: undefined, reason: 'cleared' }, now);
    assert.equal(cleared.status, 404);
    assert.match(JSON.parse(cleared.body).Message, /cleared \("IAM: Clear Session"\)/);
    const expired = answerCredentialRequest(request(), 'right-token', live, session.expiration);
    assert.equal(expired.status, 404);
    assert.equal(JSON.parse(expired.body).Code, 'SessionExpired');
  });

  it('refuses web pages, other paths and methods', () => {
    assert.equal(answerCredentialRequest(request({ authorization: 'right-token', origin: 'http://evil.example' }), 'right-token', live, now).status, 403);
    assert.equal(answerCredentialRequest(request(undefined, 'GET', '/'), 'right-token', live, now).status, 404);
    assert.equal(answerCredentialRequest(request(undefined, 'POST'), 'right-token', live, now).status, 405);
  });

  it('compares tokens whatever their lengths', () => {
    assert.equal(tokenMatches('a', 'a'), true);
    assert.equal(tokenMatches('a', 'ab'), false);
    assert.equal(tokenMatches('', 'a'), false);
  });
});

describe('credential endpoint: terminal environment', () => {
  const endpoint = { url: 'http://127.0.0.1:4567/iam-trust/credentials', token: 'tok' };
  it('gives terminals the endpoint and no keys where nothing beats container credentials', () => {
    const plan = terminalEnvironment(session, {}, { endpoint });
    assert.equal(plan.mode, 'endpoint');
    assert.deepEqual(plan.set, { AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
  });
  it('gives the keys, and says why, where a client would read something else first', () => {
    const blockers: Array<[Record<string, string>, boolean]> = [
      [{ AWS_PROFILE: 'alice' }, false],
      [{ AWS_DEFAULT_PROFILE: '' }, false],
      [{ AWS_ACCESS_KEY_ID: 'AKIA' }, false],
      [{ AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, false],
      [{ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds' }, false],
      [{ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' }, false],
      [{}, true],
    ];
    for (const [start, hasDefault] of blockers) {
      assert.ok(endpointBlockedBy(start, hasDefault), JSON.stringify(start));
      const plan = terminalEnvironment(session, start, { endpoint, defaultProfileHasCredentials: hasDefault });
      assert.equal(plan.mode, 'keys');
      assert.equal(plan.set.AWS_ACCESS_KEY_ID, session.accessKeyId);
      assert.equal(plan.set.AWS_CONTAINER_CREDENTIALS_FULL_URI, undefined);
      assert.ok(plan.caveats.some((c) => c.variable === 'AWS_CONTAINER_CREDENTIALS_FULL_URI'));
    }
    assert.equal(endpointBlockedBy({ AWS_REGION: 'x', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://other' }, false), undefined, 'an inherited FULL_URI is replaced');
  });
});

// Tests run from out/test/unit/session; the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const found = findClients(root);
const skip = found.missing.length ? `real clients missing: ${found.missing.join(', ')} (.ci/run installs them)` : false;

describe('credential endpoint: real clients', { skip }, () => {
  let local: LocalAws;
  let endpoint: CredentialEndpoint;
  let first: AssumedSession;
  const dir = mkdtempSync(join(tmpdir(), 'iam-trust-endpoint-'));
  const source = { arn: 'arn:aws:iam::444455556666:user/source', accessKeyId: 'AKIASOURCE0000000000', secretAccessKey: 'source-secret' };
  const other = { arn: 'arn:aws:iam::444455556666:user/default', accessKeyId: 'AKIADEFAULT000000000', secretAccessKey: 'default-secret' };
  const assume = () =>
    assumeRole({ roleArn: 'arn:aws:iam::111122223333:role/Deploy', sessionName: 'endpoint-test', durationSeconds: 3600 }, { region: 'us-east-1', endpoint: local.endpoint, source });

  before(async () => {
    local = await startLocalAws({ users: [source, other], roles: [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) }] });
    endpoint = new CredentialEndpoint();
    await endpoint.ready;
    first = await assume();
    endpoint.serve(first);
  });
  after(async () => {
    endpoint.dispose();
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A session terminal's environment in endpoint mode, from a HOME with these files. */
  const terminal = (name: string, files: Record<string, string> = {}, extra: Record<string, string> = {}) => {
    const home = join(dir, name);
    mkdirSync(join(home, '.aws'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(home, file), text);
    const start = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_ENDPOINT_URL_STS: local.endpoint, AWS_EC2_METADATA_DISABLED: 'true' };
    const collection = fakeCollection();
    const environment = new SessionEnvironment(collection, start);
    environment.apply(first, { endpoint: { url: endpoint.url!, token: endpoint.token } });
    assert.equal(environment.mode, 'endpoint');
    return { ...terminalProcessEnvironment(start, collection), ...extra };
  };
  const runAll = (env: Record<string, string>) => pool(found.clients.map((client) => () => run(client.argv(local.endpoint), env)));

  it('every client gets the role from the endpoint alone', async () => {
    const env = terminal('plain');
    assert.equal(env.AWS_ACCESS_KEY_ID, undefined);
    const results = await runAll(env);
    assert.deepEqual(results.map((r) => r.arn ?? r.error), found.clients.map(() => first.assumedRoleArn));
  });

  it('measured: a [default] profile with keys beats the endpoint in every client (so the extension then gives keys)', async () => {
    const env = terminal('with-default', { '.aws/credentials': `[default]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n` });
    const results = await runAll(env);
    assert.deepEqual(results.map((r) => r.arn ?? r.error), found.clients.map(() => other.arn));
  });

  it('a wrong or missing token gets no credentials, and the clients say why', async () => {
    for (const token of ['wrong-token', undefined]) {
      const env = terminal(`token-${token ?? 'none'}`);
      if (token) env.AWS_CONTAINER_AUTHORIZATION_TOKEN = token;
      else delete env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      const results = await runAll(env);
      for (const [i, r] of results.entries()) {
        assert.equal(r.arn, undefined, `${found.clients[i]!.name} got ${r.arn}`);
        // botocore (the AWS CLI, boto3) quotes the answer; the JS SDK's chain reports only "Could not load credentials from any providers".
        if (found.clients[i]!.name !== 'JS SDK v3') assert.match(r.error ?? '', token ? /\(403\).*InvalidAuthorizationToken/ : /\(401\).*MissingAuthorizationToken/);
      }
    }
  });

  for (const client of ['boto3', 'JS SDK v3'] as LoopClient[]) {
    it(`a running ${client} program keeps working across a refresh that changes the keys, and stops after Clear`, async () => {
      endpoint.serve(first);
      const loop = startLoop(loopArgv(client, root, 500), terminal(`loop-${client}`));
      try {
        const before = await loop.next(/^ok /, 0, 30_000);
        const second = await assume();
        assert.notEqual(second.accessKeyId, first.accessKeyId);
        endpoint.serve(second);
        const mark = loop.lines.length;
        // The same process, its client made once: the next calls use the new session.
        const after = await loop.next(/^ok /, mark + 1, 30_000);
        assert.notEqual(after.line, before.line, 'the new role session (another role id)');
        assert.ok(loop.lines.slice(before.index).every((l) => l.startsWith('ok ')), loop.lines.join('\n'));
        endpoint.withdraw('cleared');
        const cleared = loop.lines.length;
        const failed = await loop.next(/^error /, cleared, 30_000);
        // botocore asks before every call; the JS SDK keeps what it holds until its Expiration (VENDED_LIFETIME_MS).
        const okAfter = loop.lines.slice(cleared, failed.index).length;
        assert.ok(client === 'boto3' ? okAfter <= 1 : okAfter <= VENDED_LIFETIME_MS / 500 + 1, `${okAfter} calls succeeded after Clear`);
        if (client === 'boto3') assert.match(failed.line, /cleared/);
      } finally {
        loop.stop();
        endpoint.serve(first);
      }
    });
  }
});

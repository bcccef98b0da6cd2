import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainStsError } from '../../../src/session/errors';
import { assumeRole, callerIdentity, isRoleSessionArn, withResolvedSource } from '../../../src/session/sts';
import { startLocalAws, trustPolicy, type LocalAws } from '../../local-aws/server';

const alice = { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret-key-example' };
const deployArn = 'arn:aws:iam::111122223333:role/Deploy';
let local: LocalAws;
const dir = mkdtempSync(join(tmpdir(), 'iam-trust-sts-'));

before(async () => {
  local = await startLocalAws({
    users: [{ arn: 'arn:aws:iam::444455556666:user/alice', ...alice }],
    roles: [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'vendor-42' }) }],
  });
});
after(async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = () => ({ region: 'us-east-1', endpoint: local.endpoint, source: alice });
const request = { roleArn: deployArn, sessionName: 'alice-test', durationSeconds: 900, externalId: 'vendor-42' };

describe('assumeRole through the real SDK', () => {
  it('returns the session with its expiry', async () => {
    const session = await assumeRole(request, target());
    assert.equal(session.assumedRoleArn, 'arn:aws:sts::111122223333:assumed-role/Deploy/alice-test');
    assert.ok(session.expiration.getTime() > Date.now() + 800_000);
    assert.match(session.accessKeyId, /^ASIA/);
    assert.equal(session.region, 'us-east-1');
    assert.ok(isRoleSessionArn(session.assumedRoleArn));
    assert.ok(!isRoleSessionArn('arn:aws:iam::444455556666:user/alice'));
  });

  it('takes source credentials from a profile of the shared files', async () => {
    const credentials = join(dir, 'credentials');
    writeFileSync(credentials, `[ci]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    const saved = process.env.AWS_SHARED_CREDENTIALS_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
    try {
      const identity = await callerIdentity({ region: 'us-east-1', endpoint: local.endpoint, source: { profile: 'ci' } });
      assert.equal(identity.arn, 'arn:aws:iam::444455556666:user/alice');
    } finally {
      if (saved === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env.AWS_SHARED_CREDENTIALS_FILE = saved;
    }
  });

  it('explains AccessDenied with the two preconditions, naming caller and role', async () => {
    const error = await assumeRole({ ...request, externalId: 'wrong' }, target()).catch((e: unknown) => e);
    const explained = explainStsError(error, { roleArn: deployArn, callerArn: 'arn:aws:iam::444455556666:user/alice' });
    assert.equal(explained.code, 'AccessDenied');
    assert.match(explained.detail, /identity policy allows sts:AssumeRole on arn:aws:iam::111122223333:role\/Deploy/);
    assert.match(explained.detail, /trust policy trusts the caller/);
    assert.match(explained.detail, /ExternalId/);
    assert.match(explained.detail, /AWS refused arn:aws:iam::444455556666:user\/alice/);
  });

  it('explains a duration over the role\'s maximum', async () => {
    const error = await assumeRole({ ...request, durationSeconds: 7200 }, target()).catch((e: unknown) => e);
    assert.match(explainStsError(error, { roleArn: deployArn, durationSeconds: 7200 }).detail, /7200 seconds exceeds the role's MaxSessionDuration/);
  });

  it('explains an unreachable endpoint', async () => {
    const closed = await startLocalAws({ users: [], roles: [] });
    await closed.close();
    const error = await assumeRole(request, { ...target(), endpoint: closed.endpoint }).catch((e: unknown) => e);
    const explained = explainStsError(error, { roleArn: deployArn, endpoint: closed.endpoint });
    assert.equal(explained.title, 'Cannot reach STS');
    assert.match(explained.detail, /ECONNREFUSED/);
  });

  it('takes source credentials from credential_process and from a source_profile chain, through the same endpoint', async () => {
    const script = join(dir, 'creds.js');
    writeFileSync(script, `console.log(JSON.stringify({ Version: 1, AccessKeyId: '${alice.accessKeyId}', SecretAccessKey: '${alice.secretAccessKey}' }))`);
    const config = join(dir, 'config-chains');
    writeFileSync(
      config,
      `[profile proc]\ncredential_process = ${process.execPath} ${script}\n\n` +
        `[profile proc-local]\ncredential_process = ${process.execPath} ${script}\nendpoint_url = ${local.endpoint}\n\n` +
        `[profile chained]\nrole_arn = ${deployArn}\nsource_profile = proc\nexternal_id = vendor-42\n`,
    );
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none');
    try {
      const viaProcess = await callerIdentity({ region: 'us-east-1', endpoint: local.endpoint, source: { profile: 'proc' } });
      assert.equal(viaProcess.arn, 'arn:aws:iam::444455556666:user/alice');
      // Without an endpoint setting, the profile's own endpoint_url applies (as in the CLI).
      const viaEndpointUrl = await callerIdentity({ region: 'us-east-1', source: { profile: 'proc-local' } });
      assert.equal(viaEndpointUrl.arn, 'arn:aws:iam::444455556666:user/alice');
      const before = local.calls.length;
      // The chain's own AssumeRole goes to the configured endpoint, not to AWS.
      const resolved = await withResolvedSource({ region: 'us-east-1', endpoint: local.endpoint, source: { profile: 'chained' } });
      assert.match((resolved.source as { accessKeyId: string }).accessKeyId, /^ASIA/);
      const viaChain = await callerIdentity(resolved);
      assert.match(viaChain.arn, /^arn:aws:sts::111122223333:assumed-role\/Deploy\//);
      assert.deepEqual(local.calls.slice(before).map((c) => c.action), ['AssumeRole', 'GetCallerIdentity']);
    } finally {
      for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('explains missing source credentials, and an expired SSO session with the login command', () => {
    const sso = explainStsError(Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { name: 'CredentialsProviderError' }), { roleArn: deployArn, sourceProfile: 'dev' });
    assert.equal(sso.title, 'No credentials from profile dev');
    assert.match(sso.detail, /aws sso login --profile dev/);
    const none = explainStsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), { roleArn: deployArn });
    assert.match(none.detail, /default chain found no credentials/);
  });

  it('explains throttling, a disabled region, a timeout and expired session credentials, as the SDK reports them', async () => {
    const faulty = await startLocalAws({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', ...alice }],
      roles: [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, issueSeconds: 1, trustPolicy: trustPolicy({ aws: ['444455556666'] }) }],
      faults: [
        // maxAttempts is 2: throttling is retried once, so it must happen twice to reach the caller.
        { action: 'AssumeRole', status: 400, code: 'Throttling', message: 'Rate exceeded' },
        { action: 'AssumeRole', status: 400, code: 'Throttling', message: 'Rate exceeded' },
        { action: 'AssumeRole', status: 403, code: 'RegionDisabledException', message: 'STS is not activated in this region for account:111122223333.' },
        // Timeouts are retried once too.
        { action: 'GetCallerIdentity', delayMs: 1500 },
        { action: 'GetCallerIdentity', delayMs: 1500 },
      ],
    });
    try {
      const faultyTarget = { region: 'eu-south-2', endpoint: faulty.endpoint, source: alice };
      const explain = async (p: Promise<unknown>) => explainStsError(await p.then(() => undefined, (e: unknown) => e), { roleArn: deployArn, region: 'eu-south-2', endpoint: faulty.endpoint });
      assert.equal((await explain(assumeRole(request, faultyTarget))).title, 'STS is throttling requests');
      assert.equal((await explain(assumeRole(request, faultyTarget))).title, 'STS is not activated in eu-south-2');
      assert.equal((await explain(callerIdentity({ ...faultyTarget, timeoutMs: 300 }))).title, 'STS did not answer in time');
      // A session that has expired, used as source credentials.
      const session = await assumeRole({ ...request, externalId: undefined as unknown as string }, faultyTarget);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await explain(callerIdentity({ ...faultyTarget, source: session }));
      assert.equal(expired.title, 'Your source credentials have expired');
    } finally {
      await faulty.close();
    }
  });

  it('explains expired source credentials with how to renew them', () => {
    const explained = explainStsError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }), { roleArn: deployArn, sourceProfile: 'sso-dev' });
    assert.match(explained.detail, /aws sso login --profile sso-dev/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { configuredEndpoint, listProfiles } from '../../../src/session/profiles';

const dir = mkdtempSync(join(tmpdir(), 'iam-trust-profiles-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, 'config');
const credentialsFile = join(dir, 'credentials');

writeFileSync(
  configFile,
  `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deploy
source_profile = default
external_id = vendor-1234
mfa_serial = arn:aws:iam::444455556666:mfa/alice
duration_seconds = 7200
region = us-east-1

[profile seed]
role_arn = arn:aws:iam::111122223333:role/Seed
source_profile = default
duration_seconds = 84600

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile tool]
credential_process = /usr/local/bin/creds --json

[profile orphan]
role_arn = arn:aws:iam::111122223333:role/Orphan
`,
);
writeFileSync(credentialsFile, `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n`);

describe('profiles from the shared config and credentials files', () => {
  it('lists every profile with the kind of credentials it holds', async () => {
    const { all } = await listProfiles({ configFile, credentialsFile });
    assert.deepEqual(
      all.map((p) => `${p.name}:${p.kind}`),
      ['default:static', 'deploy:role', 'orphan:role', 'seed:role', 'sso-dev:sso', 'tool:process'],
    );
    assert.equal(all.find((p) => p.name === 'default')?.region, 'eu-west-1');
  });

  it('reads what assuming each role needs', async () => {
    const { roles } = await listProfiles({ configFile, credentialsFile });
    const deploy = roles.find((r) => r.name === 'deploy')!;
    assert.deepEqual(deploy, {
      name: 'deploy',
      roleArn: 'arn:aws:iam::111122223333:role/Deploy',
      sourceProfile: 'default',
      externalId: 'vendor-1234',
      mfaSerial: 'arn:aws:iam::444455556666:mfa/alice',
      durationSeconds: 7200,
      region: 'us-east-1',
      problems: [],
    });
  });

  it('says what STS would refuse before anything is sent', async () => {
    const { roles } = await listProfiles({ configFile, credentialsFile });
    assert.match(roles.find((r) => r.name === 'seed')!.problems.join('\n'), /duration_seconds: At most 43200 seconds/);
    assert.match(roles.find((r) => r.name === 'orphan')!.problems.join('\n'), /neither source_profile nor credential_source/);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
    try {
      const { roles } = await listProfiles();
      assert.ok(roles.some((r) => r.name === 'deploy'));
    } finally {
      for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('treats missing files as no profiles', async () => {
    const { roles, all } = await listProfiles({ configFile: join(dir, 'nope'), credentialsFile: join(dir, 'nope2') });
    assert.deepEqual([roles, all], [[], []]);
  });
});

describe('endpoints configured in profiles', () => {
  const file = join(dir, 'config-endpoints');
  writeFileSync(
    file,
    '[profile plain]\nendpoint_url = http://127.0.0.1:4566\n\n' +
      '[profile split]\nservices = local\nendpoint_url = http://127.0.0.1:1\n\n' +
      '[services local]\nsts =\n  endpoint_url = http://127.0.0.1:4001\niam =\n  endpoint_url = http://127.0.0.1:4002\norganizations =\n  endpoint_url = http://127.0.0.1:4003\n\n' +
      '[profile ignoring]\nendpoint_url = http://127.0.0.1:4566\nignore_configured_endpoint_urls = true\n',
  );
  const files = { configFile: file };

  it('reads endpoint_url, a services section per service first', async () => {
    assert.equal(await configuredEndpoint('plain', 'sts', {}, files), 'http://127.0.0.1:4566');
    assert.equal(await configuredEndpoint('split', 'sts', {}, files), 'http://127.0.0.1:4001');
    assert.equal(await configuredEndpoint('split', 'iam', {}, files), 'http://127.0.0.1:4002');
    assert.equal(await configuredEndpoint('split', 'organizations', {}, files), 'http://127.0.0.1:4003');
    assert.equal(await configuredEndpoint('plain', 'organizations', {}, files), 'http://127.0.0.1:4566');
    assert.equal(await configuredEndpoint('missing', 'sts', {}, files), undefined);
  });

  it('lets the environment win, and can be turned off', async () => {
    assert.equal(await configuredEndpoint('plain', 'sts', { AWS_ENDPOINT_URL_STS: 'http://x' }, files), undefined, 'the SDK applies the variable itself');
    assert.equal(await configuredEndpoint('plain', 'sts', { AWS_ENDPOINT_URL: 'http://x' }, files), undefined);
    assert.equal(await configuredEndpoint('plain', 'sts', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, files), undefined);
    assert.equal(await configuredEndpoint('ignoring', 'sts', {}, files), undefined);
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AUDITOR, ORG, organizationFixture } from '../local-aws/audit';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../local-aws/server';

// `trust-policy-lint audit` as users run it: the real bundle (dist/cli.js, which loads the SDK
// from dist/aws.js) against the local endpoint's organisation (test/local-aws/audit.ts).
const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'trust-policy-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NOBODY = { arn: `arn:aws:iam::${ORG.management}:user/nobody`, accessKeyId: 'AKIANOBODY0000000001', secretAccessKey: 'nobody-secret-key-example', denied: ['iam:GetAccountAuthorizationDetails', 'iam:ListRoles', 'organizations:ListAccounts'] };
const ALICE = organizationFixture().users.find((u) => u.arn.endsWith('user/alice'))!;

/** A fresh endpoint with the organisation (and whatever a test adds), closed after the test. */
async function withEndpoint<T>(body: (local: LocalAws) => Promise<T>, change: (options: LocalAwsOptions) => void = () => undefined): Promise<T> {
  const options: LocalAwsOptions = organizationFixture();
  options.users.push(NOBODY);
  change(options);
  const local = await startLocalAws(options);
  try {
    return await body(local);
  } finally {
    await local.close();
  }
}

/** Runs dist/cli.js audit with the keys of `user` in the environment (the default chain). */
function audit(local: LocalAws, args: string[], user: { accessKeyId: string; secretAccessKey: string } | undefined = AUDITOR, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'audit', '--endpoint-url', local.endpoint, ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NO_COLOR: '1',
        AWS_REGION: 'eu-west-1',
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ...(user ? { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey } : {}),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type AuditJson = {
  scope: string;
  zone: { accounts: string[]; organizationId?: string };
  accounts: Array<{ account: string; name?: string; readWith: string; roles: number }>;
  roles: Array<{ role: string; findings: Array<{ code: string; severity: string }> }>;
  problems: Array<{ level: string; account?: string; message: string }>;
};
const role = (account: string, name: string, path = '/') => `arn:aws:iam::${account}:role${path}${name}`;

describe('trust-policy-lint audit: one account', () => {
  it('reads every role of the caller\'s account and prints findings at each role\'s ARN', async () => {
    const r = await withEndpoint((local) => audit(local, []));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${role(ORG.management, 'mgmt-lambda', '/service/').replace(/[/.]/g, '\\$&')}:1:\\d+: suggestion service-confused-deputy: `, 'm'));
    assert.match(r.stdout, /^8 role\(s\) in 1 account\(s\) checked: 5 suggestion$/m);
    assert.match(r.stdout, /^Trust policies only: identity policies, permission boundaries and SCPs are not read\.$/m);
    assert.equal(r.stderr, '');
  });

  it('reads with a named profile, and names a profile that has no credentials', async () => {
    writeFileSync(join(dir, 'credentials'), `[auditor]\naws_access_key_id = ${AUDITOR.accessKeyId}\naws_secret_access_key = ${AUDITOR.secretAccessKey}\n`);
    writeFileSync(join(dir, 'config'), '[profile auditor]\nregion = eu-west-1\n');
    const files = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    const [good, bad] = await withEndpoint((local) => Promise.all([audit(local, ['--profile', 'auditor', '--format', 'json'], undefined, files), audit(local, ['--profile', 'nope'], undefined, files)]));
    assert.equal(good.status, 0, good.stderr);
    assert.deepEqual((JSON.parse(good.stdout) as AuditJson).accounts.map((a) => [a.account, a.roles, a.readWith]), [[ORG.management, 8, 'iam:GetAccountAuthorizationDetails']]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^trust-policy-lint: profile nope: No credentials from profile nope\./m);
    assert.match(bad.stderr, /no account could be read/);
    assert.equal(bad.stdout, '');
  });

  it('falls back to iam:ListRoles when GetAccountAuthorizationDetails is refused, and says so', async () => {
    const r = await withEndpoint((local) => audit(local, ['--format', 'json'], ALICE));
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as AuditJson;
    assert.deepEqual(json.accounts.map((a) => [a.account, a.roles, a.readWith]), [[ORG.management, 8, 'iam:ListRoles']]);
    assert.match(r.stderr, /^trust-policy-lint: warning: account 111111111111: iam:GetAccountAuthorizationDetails is refused to arn:aws:iam::111111111111:user\/alice; its roles were read with iam:ListRoles instead$/m);
  });

  it('exits 2 naming the account and both actions when nothing can be read', async () => {
    const r = await withEndpoint((local) => audit(local, [], NOBODY));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /account 111111111111: not read: iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused to arn:aws:iam::111111111111:user\/nobody; the audit needs one of them/);
  });

  it('reads every page of a large account', async () => {
    const r = await withEndpoint(
      async (local) => ({ run: await audit(local, ['--format', 'json', '--fail-on', 'none']), calls: local.calls.filter((c) => c.action === 'GetAccountAuthorizationDetails').length }),
      (options) => {
        for (let i = 0; i < 1205; i++) options.roles.push({ name: `Bulk${i}`, account: ORG.management, maxSessionDuration: 3600, trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
      },
    );
    assert.equal(r.run.status, 0, r.run.stderr);
    const json = JSON.parse(r.run.stdout) as AuditJson;
    assert.equal(json.roles.length, 1213);
    assert.equal(new Set(json.roles.map((x) => x.role)).size, 1213);
    assert.equal(r.calls, 2);
  });
});

describe('trust-policy-lint audit --organization', () => {
  it('reads every account it can, reports the refusing ones by account and action, and lints against the organisation\'s zone', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--format', 'json']));
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as AuditJson;
    assert.match(json.scope, /identity policies, permission boundaries and SCPs are not read/);
    assert.deepEqual(json.accounts.map((a) => `${a.account} ${a.name} ${a.roles}`).sort(), [`${ORG.management} Management 8`, `${ORG.production} Production 12`, `${ORG.tools} Tools 9`]);
    assert.deepEqual(json.zone, { accounts: [ORG.management, ORG.production, ORG.tools, ORG.sandbox, ORG.legacy], organizationId: ORG.id });
    const findings = (name: string) => json.roles.find((x) => x.role === role(ORG.production, name))!.findings.map((f) => `${f.severity} ${f.code}`);
    assert.deepEqual(findings('PublicReader'), ['security public-principal']);
    assert.deepEqual(findings('Partner'), ['security cross-account-without-external-id']);
    assert.deepEqual(findings('Vendor'), []);
    // Trusting another account of the organisation needs no ExternalId: it is inside the zone.
    assert.deepEqual(findings('Deploy'), []);
    const errors = json.problems.filter((p) => p.level === 'error');
    assert.deepEqual(errors.map((p) => p.account).sort(), [ORG.sandbox, ORG.legacy]);
    assert.match(errors.find((p) => p.account === ORG.sandbox)!.message, /^account 444444444444 \(Sandbox\): not read: iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused to arn:aws:sts::444444444444:assumed-role\/OrganizationAccountAccessRole\//);
    assert.match(errors.find((p) => p.account === ORG.legacy)!.message, /^account 555555555555 \(Legacy\): not read: sts:AssumeRole on arn:aws:iam::555555555555:role\/OrganizationAccountAccessRole is refused to arn:aws:iam::111111111111:user\/auditor: the role does not exist there \(check --assume-role-name\)/);
    assert.match(r.stderr, /^trust-policy-lint: account 444444444444 \(Sandbox\): not read: /m);
  });

  it('text names every account in the summary; --fail-on none exits 0', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--fail-on', 'none']));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^arn:aws:iam::222222222222:role\/PublicReader:1:\d+: security public-principal: /m);
    assert.match(r.stdout, /^29 role\(s\) in 3 account\(s\) checked: 2 security, 15 suggestion$/m);
  });

  it('SARIF locates each result at its role ARN and lists the accounts not read', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--format', 'sarif']));
    assert.equal(r.status, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const publicResult = run.results.find((x: { ruleId: string }) => x.ruleId === 'public-principal');
    assert.equal(publicResult.locations[0].physicalLocation.artifactLocation.uri, role(ORG.production, 'PublicReader'));
    assert.equal(publicResult.locations[0].logicalLocations[0].fullyQualifiedName, role(ORG.production, 'PublicReader'));
    assert.equal(run.invocations[0].executionSuccessful, false);
    const notes = run.invocations[0].toolExecutionNotifications.filter((n: { level: string }) => n.level === 'error');
    assert.deepEqual(notes.map((n: { locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }> }) => n.locations[0]!.logicalLocations[0]!.fullyQualifiedName).sort(), [`arn:aws:iam::${ORG.sandbox}:root`, `arn:aws:iam::${ORG.legacy}:root`]);
  });

  it('survives throttling of every kind of call (the SDK retries with backoff)', async () => {
    const throttle = (action: string, code = 'Throttling') => ({ action, code, status: 400, message: 'Rate exceeded' });
    const r = await withEndpoint(
      async (local) => ({ run: await audit(local, ['--organization', '--format', 'json']), calls: local.calls.map((c) => c.action) }),
      (options) => {
        options.faults = [throttle('ListAccounts', 'TooManyRequestsException'), throttle('AssumeRole'), throttle('GetAccountAuthorizationDetails'), throttle('GetAccountAuthorizationDetails'), throttle('GetCallerIdentity')];
      },
    );
    assert.equal(r.run.status, 1, r.run.stderr);
    const json = JSON.parse(r.run.stdout) as AuditJson;
    assert.equal(json.accounts.length, 3);
    assert.deepEqual(json.problems.filter((p) => p.level === 'error').map((p) => p.account).sort(), [ORG.sandbox, ORG.legacy]);
    const count = (action: string) => r.calls.filter((c) => c === action).length;
    assert.equal(count('ListAccounts'), 2);
    assert.equal(count('GetCallerIdentity'), 2);
    // Three accounts read, two throttled answers; the sandbox's refusal is not retried.
    assert.equal(count('GetAccountAuthorizationDetails'), 3 + 1 + 2);
  });

  it('names an account that is not in an organisation, and still audits the caller\'s own', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--format', 'json'], ALICE));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /the default credentials: cannot list the organisation's accounts: organizations:ListAccounts is refused to arn:aws:iam::111111111111:user\/alice .*; only account 111111111111 is audited/);
    assert.deepEqual((JSON.parse(r.stdout) as AuditJson).accounts.map((a) => a.account), [ORG.management]);
  });

  it('an unknown --assume-role-name is named for every member account', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--assume-role-name', 'AuditReadOnly', '--format', 'json']));
    const json = JSON.parse(r.stdout) as AuditJson;
    assert.deepEqual(json.accounts.map((a) => a.account), [ORG.management]);
    assert.equal(json.problems.filter((p) => /role\/AuditReadOnly is refused .*check --assume-role-name/.test(p.message)).length, 4);
  });
});

describe('trust-policy-lint audit: the trust graph', () => {
  it('--who-can-reach lists the known chain with the statement and conditions of each step', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--format', 'json', '--who-can-reach', role(ORG.production, 'Admin')]));
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.match(json.scope, /identity policies, permission boundaries and SCPs are not/);
    const alice = json.reaches.find((x: { principal: { value: string } }) => x.principal.value === `arn:aws:iam::${ORG.management}:user/alice`);
    assert.deepEqual(alice.path.map((s: { to: string }) => s.to), [role(ORG.management, 'Ops'), role(ORG.tools, 'Deployer'), role(ORG.production, 'Deploy'), role(ORG.production, 'Admin')]);
    assert.deepEqual(alice.path[0].admittedBy[0].conditions.map((c: { text: string }) => c.text), ['Bool aws:MultiFactorAuthPresent: "true"']);
    assert.deepEqual(alice.path[3].admittedBy[0].conditions.map((c: { text: string }) => c.text), ['StringEquals aws:PrincipalOrgID: "o-exampleorg1"']);
    assert.deepEqual(json.reaches.map((x: { principal: { value: string } }) => x.principal.value).sort(), [role(ORG.management, 'Ops'), `arn:aws:iam::${ORG.management}:user/alice`, role(ORG.production, 'Deploy'), role(ORG.tools, 'Deployer')].sort());
  });

  it('--who-can-reach in text marks the public entry outside the zone of trust', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--who-can-reach', role(ORG.production, 'PublicReader')]));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Who can reach arn:aws:iam::222222222222:role\/PublicReader\n.*SCPs are not.*\n\n\[outside the zone of trust\] \*\n  → arn:aws:iam::222222222222:role\/PublicReader \[from outside the zone of trust\]\n      statement 1 allows sts:AssumeRole, no condition\n/);
    assert.match(r.stdout, /^1 principal\(s\) can reach it by the trust policies of 29 role\(s\), 1 of them from outside the zone of trust\.$/m);
  });

  it('--reachable-from lists the roles a user reaches, through chains, account trust and "*"', async () => {
    const r = await withEndpoint((local) => audit(local, ['--organization', '--format', 'json', '--reachable-from', `arn:aws:iam::${ORG.management}:user/alice`]));
    assert.equal(r.status, 0, r.stderr);
    const reached = JSON.parse(r.stdout).reaches.map((x: { principal: { value: string }; outside: boolean }) => `${x.principal.value}${x.outside ? ' (outside)' : ''}`).sort();
    assert.deepEqual(reached, [
      role(ORG.management, 'BreakGlass'),
      role(ORG.management, 'Ops'),
      role(ORG.production, 'Admin'),
      role(ORG.production, 'Deploy'),
      role(ORG.production, 'OrganizationAccountAccessRole'),
      `${role(ORG.production, 'PublicReader')} (outside)`,
      role(ORG.tools, 'Deployer'),
      role(ORG.tools, 'OrganizationAccountAccessRole'),
    ]);
  });

  it('a role that was not read is an error; a query in SARIF is a usage error', async () => {
    const [unknown, sarif] = await withEndpoint((local) =>
      Promise.all([audit(local, ['--who-can-reach', role(ORG.legacy, 'Anything')]), audit(local, ['--format', 'sarif', '--who-can-reach', role(ORG.legacy, 'Anything')])]),
    );
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /arn:aws:iam::555555555555:role\/Anything is not among the roles read/);
    assert.equal(sarif.status, 2);
    assert.match(sarif.stderr, /--who-can-reach prints text or json, not sarif/);
  });
});

// node scripts/bench-audit.mjs [roles]: `trust-policy-lint audit` on one account of 1,000 roles
// (or the number given) against the local endpoint (test/local-aws), as users run it: the
// dist/cli.js process from start to exit, reading every trust policy with
// iam:GetAccountAuthorizationDetails, linting them, and answering --who-can-reach over them.
// Issue 16 wants it well inside a minute. Reports figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Run on its own it builds first; imported by scripts/bench.mjs (which has built) it does not.
const direct = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (direct && !process.argv.includes('--no-build')) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const require = createRequire(import.meta.url);
const { startLocalAws, AUDITOR } = require(join(root, 'out/test/local-aws.js'));

const count = Number((direct && process.argv.slice(2).find((a) => /^\d+$/.test(a))) || 1000);
const account = AUDITOR.arn.split(':')[4];
const doc = (statement) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
// A mix of the shapes real accounts have: services, chains between roles, other accounts with
// and without an ExternalId, web identities, and now and then a public one.
const shapes = [
  (i) => doc({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'][i % 3] }, Action: 'sts:AssumeRole' }),
  (i) => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/Role${(i * 7 + 1) % count}` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
  (i) => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + i).padStart(12, '0')}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `ext-${i}` } } }),
  (i) => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(200000000000 + i).padStart(12, '0')}:root` }, Action: 'sts:AssumeRole' }),
  (i) => doc({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:example/app${i}:ref:refs/heads/main` } } }),
  (i) => (i % 50 === 5 ? doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) : doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/user${i}` }, Action: 'sts:AssumeRole' })),
];
const roles = Array.from({ length: count }, (_, i) => ({ name: `Role${i}`, account, maxSessionDuration: 3600, trustPolicy: shapes[i % shapes.length](i) }));

const home = mkdtempSync(join(tmpdir(), 'bench-audit-'));
const local = await startLocalAws({ users: [AUDITOR], roles });
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_ACCESS_KEY_ID: AUDITOR.accessKeyId,
  AWS_SECRET_ACCESS_KEY: AUDITOR.secretAccessKey,
  AWS_REGION: 'eu-west-1',
  AWS_CONFIG_FILE: join(home, 'none'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Wall time of one dist/cli.js audit run, from spawn to exit, with its exit status and output size. */
function run(args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'audit', '--endpoint-url', local.endpoint, ...args], { env });
    let bytes = 0;
    let stdout = '';
    child.stdout.on('data', (c) => {
      bytes += c.length;
      if (args.includes('json')) stdout += c;
    });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('close', (status) => resolve({ ms: performance.now() - t0, status, bytes, stdout }));
  });
}

const rounds = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = async (label, args) => {
  const runs = [];
  for (let r = 0; r < rounds; r++) runs.push(await run(args));
  const ms = runs.map((x) => x.ms);
  console.log(`  ${label.padEnd(34)} ${(median(ms) / 1000).toFixed(2)} s (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)}), exit ${runs[0].status}, ${(runs[0].bytes / 1024).toFixed(0)} KiB out`);
  return runs[0];
};

const calls = local.calls.length;
console.log(`\nbench-audit: Node ${process.version}, one account of ${count} roles on the local endpoint; wall time of dist/cli.js, median of ${rounds} (min–max)`);
const json = await report('audit --format json', ['--format', 'json']);
const perRun = (local.calls.length - calls) / rounds;
await report('audit (text)', []);
await report('audit --format sarif', ['--format', 'sarif']);
await report('audit --who-can-reach Role1', ['--who-can-reach', `arn:aws:iam::${account}:role/Role1`]);
const parsed = JSON.parse(json.stdout);
console.log(`  ${parsed.roles.length} roles read with ${perRun} calls a run; ${parsed.roles.reduce((n, r) => n + r.findings.length, 0)} findings`);
await local.close();
rmSync(home, { recursive: true, force: true });

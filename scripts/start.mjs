// npm start: try the extension as a person would. Builds and packages it, installs the VSIX
// into a private code-server (the test VS Code), opens a copy of examples/ and prints the URL,
// which you open in your own browser (so no Chromium is needed here).
// Also starts the local STS endpoint (test/local-aws, for tests and demos only) with demo
// profiles, so that "IAM: Assume Role…" works offline, and the organisation of the audit tests
// (test/local-aws/audit.ts) with a default profile in its management account, so that the IAM
// Roles view lists accounts and roles at once and `trust-policy-lint audit` (on the terminals'
// PATH) reads them.
// Everything it writes stays in .vscode-test/ (git-ignored): the workspace is a fresh copy of
// examples/ at every start (code-server auto-saves, and a quick fix must not rewrite the
// repository's files), and code-server runs with HOME and XDG_* folders under
// .vscode-test/start (it writes logs and a device id there; its terminals their history).
// Ctrl-C stops everything. Options: --port N (default 8080, or a free one if taken);
// --check: once the workbench is served (and, when Chromium is installed, once the extension
// is active in it), stop everything and exit 0: a smoke test of the demo.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { installExtension, openWorkbench, root, RUN_SUBDIRS, startCodeServer } from '../test/harness/codeServer.mjs';
import { missingPackages } from './system-packages.mjs';

const portArg = process.argv.indexOf('--port');
const wantedPort = Number(portArg >= 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));
const checkOnly = process.argv.includes('--check');

function run(title, command, args) {
  console.log(`start: ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

run('installing the test VS Code if needed', 'bash', ['test/harness/install-host.sh']);
run('building the local STS endpoint', process.execPath, ['scripts/build.mjs']);
const vsix = join(root, '.vscode-test', 'start.vsix');
run('building and packaging the extension', process.execPath, ['scripts/package.mjs', '--out', vsix]);

// A stable folder, so that settings and open editors survive from one `npm start` to the next.
const runDir = join(root, '.vscode-test', 'start');
for (const sub of RUN_SUBDIRS) {
  mkdirSync(join(runDir, sub), { recursive: true });
}
await installExtension(vsix, join(runDir, 'extensions'), runDir);

// The workspace: a fresh copy of examples/, so that nothing done in the demo edits the repository.
const workspace = join(runDir, 'examples');
rmSync(workspace, { recursive: true, force: true });
cpSync(join(root, 'examples'), workspace, { recursive: true });

const require = createRequire(import.meta.url);
const { startLocalAws, trustPolicy, organizationFixture, AUDITOR } = require(join(root, 'out', 'test', 'local-aws.js'));
// The organisation for the IAM Roles view and `audit`: five accounts, a few dozen roles, a chain
// (alice → Ops → Tools/Deployer → Production/Deploy → Production/Admin), public and outside ones,
// an account whose audit role may not read IAM and one without an audit role.
const organization = organizationFixture();
const localAws = await startLocalAws({
  organization: organization.organization,
  users: [
    { arn: 'arn:aws:iam::444455556666:user/demo', accessKeyId: 'AKIADEMO000000000000', secretAccessKey: 'demo-secret-not-a-real-key', mfaSerial: 'arn:aws:iam::444455556666:mfa/demo' },
    { arn: 'arn:aws:iam::111122223333:user/demo-admin', accessKeyId: 'AKIADEMOADMIN0000000', secretAccessKey: 'demo-admin-secret-not-a-real-key' },
    ...organization.users,
  ],
  roles: [
    ...organization.roles,
    { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, description: 'needs ExternalId demo-external-id', trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'demo-external-id' }) },
    { name: 'ReadOnly', account: '111122223333', maxSessionDuration: 43200, description: 'up to 12 hours', trustPolicy: trustPolicy({ aws: ['444455556666', '111122223333'] }) },
    { name: 'BreakGlass', account: '111122223333', maxSessionDuration: 3600, description: 'needs MFA: the demo code is 123456', trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
    { name: 'ShortLived', account: '111122223333', maxSessionDuration: 3600, description: 'issues 2-minute sessions, to watch expiry', issueSeconds: 120, trustPolicy: trustPolicy({ aws: ['444455556666', '111122223333'] }) },
  ],
  mfaCode: '123456',
});
// Demo profiles in files of their own: your real ~/.aws stays out of the demo. The default
// profile is the organisation's auditor (its management account), for the IAM Roles view and `audit`.
writeFileSync(
  join(runDir, 'aws-credentials'),
  `[default]\naws_access_key_id = ${AUDITOR.accessKeyId}\naws_secret_access_key = ${AUDITOR.secretAccessKey}\n` +
    '[demo]\naws_access_key_id = AKIADEMO000000000000\naws_secret_access_key = demo-secret-not-a-real-key\n' +
    '[demo-admin]\naws_access_key_id = AKIADEMOADMIN0000000\naws_secret_access_key = demo-admin-secret-not-a-real-key\n',
);
writeFileSync(
  join(runDir, 'aws-config'),
  '[default]\nregion = us-east-1\n\n[profile demo]\nregion = us-east-1\n\n[profile demo-deploy]\nrole_arn = arn:aws:iam::111122223333:role/Deploy\nsource_profile = demo\nexternal_id = demo-external-id\n\n' +
    '[profile demo-readonly]\nrole_arn = arn:aws:iam::111122223333:role/ReadOnly\nsource_profile = demo\nduration_seconds = 7200\n\n' +
    '[profile demo-breakglass]\nrole_arn = arn:aws:iam::111122223333:role/BreakGlass\nsource_profile = demo\nmfa_serial = arn:aws:iam::444455556666:mfa/demo\n',
);
const settingsFile = join(runDir, 'user-data', 'User', 'settings.json');
if (existsSync(settingsFile)) {
  // Keep the user's settings; point STS at this run's endpoint (its port changes every start).
  const { applyEdits, modify } = require('jsonc-parser');
  const text = readFileSync(settingsFile, 'utf8');
  const setTo = (t, key, value) => applyEdits(t, modify(t, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  const set = (t, key) => setTo(t, key, localAws.endpoint);
  writeFileSync(settingsFile, setTo(set(set(set(text, 'iamTrust.sts.endpoint'), 'iamTrust.iam.endpoint'), 'iamTrust.organizations.endpoint'), 'iamTrust.console.federationEndpoint', localAws.federationEndpoint));
}
// The IAM Roles view of the demo reads the whole organisation: a workspace setting of the fresh copy.
{
  const { applyEdits, modify } = require('jsonc-parser');
  const workspaceSettings = join(workspace, '.vscode', 'settings.json');
  const text = readFileSync(workspaceSettings, 'utf8');
  writeFileSync(workspaceSettings, applyEdits(text, modify(text, ['iamTrust.rolesView.organization'], true, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
}
// `trust-policy-lint` on the PATH of the demo's terminals: the CLI of the extension installed above.
const { publisher, name: extensionName, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cli = join(runDir, 'extensions', `${publisher}.${extensionName}-${version}`.toLowerCase(), 'dist', 'cli.js');
const binDir = join(runDir, 'bin');
mkdirSync(binDir, { recursive: true });
writeFileSync(join(binDir, 'trust-policy-lint'), `#!/bin/sh\nexec '${process.execPath.replaceAll("'", "'\\''")}' '${cli.replaceAll("'", "'\\''")}' "$@"\n`);
chmodSync(join(binDir, 'trust-policy-lint'), 0o755);

const port = (await portIsFree(wantedPort)) ? wantedPort : undefined;
const server = await startCodeServer({
  runDir,
  folder: workspace,
  port,
  keepSettings: true,
  settings: {
    'iamTrust.sts.endpoint': localAws.endpoint,
    'iamTrust.iam.endpoint': localAws.endpoint,
    'iamTrust.organizations.endpoint': localAws.endpoint,
    'iamTrust.console.federationEndpoint': localAws.federationEndpoint,
  },
  env: {
    AWS_CONFIG_FILE: join(runDir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(runDir, 'aws-credentials'),
    // Only the demo's profiles: credentials, a profile or endpoints of your own shell stay out (undefined unsets them).
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_STS: undefined,
    AWS_ENDPOINT_URL_IAM: undefined,
    AWS_ENDPOINT_URL_ORGANIZATIONS: undefined,
    PATH: `${binDir}:${process.env.PATH ?? ''}`,
  },
});
const workbenchUrl = `${server.url}/?folder=${encodeURIComponent(server.folder)}`;
console.log(`\nIAM Trust & Sessions is running in VS Code at:\n\n    ${workbenchUrl}\n`);
console.log(`The folder is a copy of examples/ (.vscode-test/start/examples), made anew at every start: edits there never reach the repository.`);
console.log(`Offline demo: "IAM: Assume Role…" offers the profiles demo-deploy, demo-readonly and demo-breakglass (MFA code 123456);`);
console.log(`"List roles in an account…" with the profile demo-admin lists four roles. All served by the local STS/IAM endpoint at ${localAws.endpoint}.`);
console.log(`"IAM: Open AWS Console as Role…" signs in at its federation endpoint (${localAws.federationEndpoint}): the page it opens names the role.`);
console.log(`The IAM Roles view (Explorer) reads an organisation with the default profile (its management account's auditor): accounts, roles with`);
console.log(`their findings, two accounts that refuse; right-click Production's Admin for "Who Can Reach This Role". In the demo's terminal:`);
console.log(`\n    trust-policy-lint audit --organization --endpoint-url ${localAws.endpoint}\n`);
console.log(`(code-server log: ${server.logFile}; press Ctrl-C to stop)`);

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstart: stopping code-server');
  await server.stop();
  await localAws.close();
  process.exit(code);
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
// If code-server dies on its own, say so instead of leaving a dead URL.
server.exited.then((code) => {
  if (!stopping) {
    console.error(`start: code-server exited (${code}); see ${server.logFile}`);
    process.exit(1);
  }
});

if (checkOnly) {
  try {
    await checkDemo();
    await stop(0);
  } catch (error) {
    console.error(`start: check failed: ${error.message}`);
    await stop(1);
  }
}

/** --check: the workbench page is served; with Chromium here, the extension activates in it. */
async function checkDemo() {
  const response = await fetch(workbenchUrl);
  const page = await response.text();
  if (!response.ok || !page.includes('vscode-workbench-web-configuration')) {
    throw new Error(`GET ${workbenchUrl} answered ${response.status} without the workbench`);
  }
  console.log('start: check: the workbench page is served');
  // The command the start message prints, as the demo's terminal runs it (its PATH, profiles and
  // HOME). Not spawnSync: the local endpoint answering it runs in this process.
  const audit = await new Promise((resolve) => {
    const child = spawn('trust-policy-lint', ['audit', '--organization', '--endpoint-url', localAws.endpoint, '--format', 'json', '--fail-on', 'none'], {
      env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: join(runDir, 'home'), AWS_CONFIG_FILE: join(runDir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(runDir, 'aws-credentials') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (error) => resolve({ status: null, stdout, stderr: String(error) }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const read = audit.status === 0 ? JSON.parse(audit.stdout).accounts.map((a) => a.name) : [];
  if (read.join() !== 'Management,Production,Tools') throw new Error(`trust-policy-lint audit --organization exited ${audit.status} and read [${read}]: ${audit.stderr}`);
  console.log(`start: check: trust-policy-lint audit --organization read ${read.join(', ')} with the default profile`);
  if (missingPackages(['browser']).length > 0) {
    console.log('start: check: no Chromium here (npm start does not need it), so the extension is not checked in a browser');
    return;
  }
  rmSync(join(runDir, 'browser'), { recursive: true, force: true });
  const workbench = await openWorkbench({ runDir, server });
  try {
    await workbench.page.locator('.statusbar-item', { hasText: 'IAM:' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    console.log('start: check: the extension is active in the workbench (its status bar item is shown)');
    // The IAM Roles view lists the organisation when first shown, without a Refresh or an Assume Role.
    const { runFromPalette } = await import('../test/ui/page.mjs');
    await runFromPalette(workbench.page, 'Focus on IAM Roles View');
    const pane = workbench.page.locator('.pane', { has: workbench.page.locator('.pane-header', { hasText: 'IAM Roles' }) });
    await pane.locator('.monaco-list-row', { hasText: 'Management' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    // The accounts' roles fill the pane (the list draws only the rows in view): fold them to see every account.
    await pane.locator('.pane-header').hover();
    await pane.locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
    for (const name of ['Production', 'Tools']) await pane.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
    console.log('start: check: the IAM Roles view lists the accounts Management, Production and Tools');
  } finally {
    await workbench.close();
  }
}

// npm start: try the extension as a person would. Builds and packages it, installs the VSIX
// into a private code-server (the test VS Code), opens examples/ and prints the URL.
// Also starts the local STS endpoint (test/local-aws, for tests and demos only) with demo
// profiles, so that "IAM: Assume Role…" works offline.
// Ctrl-C stops everything. Options: --port N (default 8080, or a free one if taken).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { installExtension, root, startCodeServer } from '../test/harness/codeServer.mjs';

const portArg = process.argv.indexOf('--port');
const wantedPort = Number(portArg >= 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));

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
for (const sub of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) {
  mkdirSync(join(runDir, sub), { recursive: true });
}
await installExtension(vsix, join(runDir, 'extensions'), runDir);

const require = createRequire(import.meta.url);
const { startLocalAws, trustPolicy } = require(join(root, 'out', 'test', 'local-aws.js'));
const localAws = await startLocalAws({
  users: [
    { arn: 'arn:aws:iam::444455556666:user/demo', accessKeyId: 'AKIADEMO000000000000', secretAccessKey: 'demo-secret-not-a-real-key', mfaSerial: 'arn:aws:iam::444455556666:mfa/demo' },
    { arn: 'arn:aws:iam::111122223333:user/demo-admin', accessKeyId: 'AKIADEMOADMIN0000000', secretAccessKey: 'demo-admin-secret-not-a-real-key' },
  ],
  roles: [
    { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, description: 'needs ExternalId demo-external-id', trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'demo-external-id' }) },
    { name: 'ReadOnly', account: '111122223333', maxSessionDuration: 43200, description: 'up to 12 hours', trustPolicy: trustPolicy({ aws: ['444455556666', '111122223333'] }) },
    { name: 'BreakGlass', account: '111122223333', maxSessionDuration: 3600, description: 'needs MFA: the demo code is 123456', trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
    { name: 'ShortLived', account: '111122223333', maxSessionDuration: 3600, description: 'issues 2-minute sessions, to watch expiry', issueSeconds: 120, trustPolicy: trustPolicy({ aws: ['444455556666', '111122223333'] }) },
  ],
  mfaCode: '123456',
});
// Demo profiles in files of their own: your real ~/.aws stays out of the demo.
writeFileSync(
  join(runDir, 'aws-credentials'),
  '[demo]\naws_access_key_id = AKIADEMO000000000000\naws_secret_access_key = demo-secret-not-a-real-key\n' +
    '[demo-admin]\naws_access_key_id = AKIADEMOADMIN0000000\naws_secret_access_key = demo-admin-secret-not-a-real-key\n',
);
writeFileSync(
  join(runDir, 'aws-config'),
  '[profile demo]\nregion = us-east-1\n\n[profile demo-deploy]\nrole_arn = arn:aws:iam::111122223333:role/Deploy\nsource_profile = demo\nexternal_id = demo-external-id\n\n' +
    '[profile demo-readonly]\nrole_arn = arn:aws:iam::111122223333:role/ReadOnly\nsource_profile = demo\nduration_seconds = 7200\n\n' +
    '[profile demo-breakglass]\nrole_arn = arn:aws:iam::111122223333:role/BreakGlass\nsource_profile = demo\nmfa_serial = arn:aws:iam::444455556666:mfa/demo\n',
);
const settingsFile = join(runDir, 'user-data', 'User', 'settings.json');
if (existsSync(settingsFile)) {
  // Keep the user's settings; point STS at this run's endpoint (its port changes every start).
  const { applyEdits, modify } = require('jsonc-parser');
  const text = readFileSync(settingsFile, 'utf8');
  const set = (t, key) => applyEdits(t, modify(t, [key], localAws.endpoint, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  writeFileSync(settingsFile, set(set(text, 'iamTrust.sts.endpoint'), 'iamTrust.iam.endpoint'));
}

const port = (await portIsFree(wantedPort)) ? wantedPort : undefined;
const server = await startCodeServer({
  runDir,
  folder: join(root, 'examples'),
  port,
  keepSettings: true,
  settings: { 'iamTrust.sts.endpoint': localAws.endpoint, 'iamTrust.iam.endpoint': localAws.endpoint },
  env: { AWS_CONFIG_FILE: join(runDir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(runDir, 'aws-credentials') },
});
console.log(`\nIAM Trust & Sessions is running in VS Code at:\n\n    ${server.url}/?folder=${encodeURIComponent(server.folder)}\n`);
console.log(`Offline demo: "IAM: Assume Role…" offers the profiles demo-deploy, demo-readonly and demo-breakglass (MFA code 123456);`);
console.log(`"List roles in an account…" with the profile demo-admin lists four roles. All served by the local STS/IAM endpoint at ${localAws.endpoint}.`);
console.log(`(code-server log: ${server.logFile}; press Ctrl-C to stop)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstart: stopping code-server');
  await server.stop();
  await localAws.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// If code-server dies on its own, say so instead of leaving a dead URL.
server.exited.then((code) => {
  if (!stopping) {
    console.error(`start: code-server exited (${code}); see ${server.logFile}`);
    process.exit(1);
  }
});

// UI runs: installs the packaged VSIX into a fresh test VS Code with code-server's own
// --install-extension, opens the workbench in headless Chromium and runs test/ui/*.ui.mjs
// in that one browser session. Screenshots go to test-results/. Ends with "N passed, N failed".
//   node test/harness/run-ui-tests.mjs <file.vsix>
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createRunDir,
  installExtension,
  openWorkbench,
  removeRunDir,
  root,
  startCodeServer,
} from './codeServer.mjs';
import { findSecrets, scanFindsPlanted } from './secretScan.mjs';

/** Screenshots that illustrate the README and docs, and the file each becomes in docs/images. */
const DOC_IMAGES = {
  'new-trust-policy': 'screenshot.png',
  problems: 'problems.png',
  'session-confirm': 'session-confirm.png',
  'session-status': 'session-status.png',
  'session-terminal': 'session-terminal.png',
  'session-menu': 'session-menu.png',
  'session-list-roles': 'session-list-roles.png',
  'session-expiring': 'session-expiring.png',
  'session-expired': 'session-expired.png',
  'role-security-confirm': 'role-security-confirm.png',
  'role-conflict': 'role-conflict.png',
  'role-open': 'role-open.png',
  'role-explain-denied': 'role-explain-denied.png',
  'check-who-can-assume': 'check-who-can-assume.png',
  'template-diagnostics': 'template-diagnostics.png',
};

const vsix = process.argv[2] && resolve(process.argv[2]);
if (!vsix || !existsSync(vsix)) {
  console.log(`usage: run-ui-tests.mjs <file.vsix> (got ${process.argv[2] ?? 'nothing'})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const grep = process.env.IAM_TRUST_TEST_GREP;

const started = Date.now();
const runDir = createRunDir('ui');
let passed = 0;
let failed = 0;
let server;
let workbench;
let localAws;
// Secrets the tests learnt besides what localAws issued: the credential endpoints' tokens, other
// local endpoints' keys (MFA sessions included). The scans look for all of them.
const learntSecrets = [];
const allSecrets = () => [...(localAws?.issuedSecrets ?? []), ...learntSecrets];
try {
  // The local STS endpoint the session flows talk to, with alice's keys in a credentials file
  // and AWS_PROFILE set in the environment, as a user's shell often has it.
  const { startLocalAws, trustPolicy } = createRequire(import.meta.url)(join(root, 'out', 'test', 'local-aws.js'));
  localAws = await startLocalAws({
    users: [
      { arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' },
      { arn: 'arn:aws:iam::111122223333:user/ops', accessKeyId: 'AKIAOPS00000EXAMPLE0', secretAccessKey: 'ops-secret' },
    ],
    roles: [
      { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'vendor-42' }) },
      // Sessions of 30 seconds, whatever is asked: the UI run sees a session expire.
      { name: 'ShortLived', account: '111122223333', maxSessionDuration: 7200, description: 'issues 30-second sessions', issueSeconds: 30, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
      // A role whose trust policy the live-role runs open, edit and save.
      {
        name: 'App',
        account: '111122223333',
        maxSessionDuration: 3600,
        description: 'a Lambda function role',
        
        trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }] }),
      },
    ],
  });
  writeFileSync(
    join(runDir, 'aws-credentials'),
    '[alice]\naws_access_key_id = AKIAALICE0000EXAMPLE\naws_secret_access_key = alice-secret\n[ops]\naws_access_key_id = AKIAOPS00000EXAMPLE0\naws_secret_access_key = ops-secret\n',
  );
  writeFileSync(join(runDir, 'aws-config'), '[profile alice]\nregion = us-east-1\n');

  await installExtension(vsix, join(runDir, 'extensions'), runDir);
  const installed = readdirSync(join(runDir, 'extensions')).filter((d) => d.startsWith('iam-trust.'));
  if (installed.length !== 1) throw new Error(`expected the VSIX in the extensions dir, found ${installed}`);
  console.log(`installed ${installed[0]} with code-server --install-extension`);

  server = await startCodeServer({
    runDir,
    folder: join(root, 'examples'),
    settings: {
      'iamTrust.sts.endpoint': localAws.endpoint,
      'iamTrust.iam.endpoint': localAws.endpoint,
      // On for the whole run: sessions then go through the secret storage, and the final
      // check looks for their secrets in every file of the run.
      'iamTrust.session.restoreOnReload': true,
      // Runs type whole policies: the editor must not add closing quotes and brackets of its own.
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.formatOnType': false,
    },
    env: {
      AWS_SHARED_CREDENTIALS_FILE: join(runDir, 'aws-credentials'),
      AWS_CONFIG_FILE: join(runDir, 'aws-config'),
      AWS_PROFILE: 'alice',
    },
  });
  workbench = await openWorkbench({ runDir, server });
  const { page } = workbench;
  const screenshot = async (name) => {
    const file = join(results, `ui-${name}.png`);
    await page.screenshot({ path: file });
    // `UPDATE_SCREENSHOTS=1 npm run test:ui` refreshes the pictures of the README and docs.
    const documented = DOC_IMAGES[name];
    if (process.env.UPDATE_SCREENSHOTS && documented) copyFileSync(file, join(root, 'docs', 'images', documented));
    return file;
  };

  const files = readdirSync(join(root, 'test', 'ui')).filter((f) => f.endsWith('.ui.mjs')).sort();
  for (const file of files) {
    const { tests } = await import(pathToFileURL(join(root, 'test', 'ui', file)).href);
    for (const test of tests) {
      if (grep && !test.name.includes(grep)) continue;
      const t0 = Date.now();
      try {
        await test.run({ page, server, screenshot, localAws, root, runDir, secretsOnDisk: () => findSecrets(runDir, allSecrets()), addSecrets: (...values) => learntSecrets.push(...values) });
        passed++;
        console.log(`  ✔ ${test.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✖ ${test.name} (${Date.now() - t0} ms)\n    ${String(error?.stack ?? error).replace(/\n/g, '\n    ')}`);
        const shot = await screenshot(`failed-${passed + failed}`).catch(() => undefined);
        if (shot) console.log(`    screenshot: ${shot}`);
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  }
} catch (error) {
  failed++;
  console.log(`harness error: ${error?.stack ?? error}`);
} finally {
  await workbench?.close().catch(() => {});
  await server?.stop();
  await localAws?.close();
  // Secrets never go to disk: after the whole run, no issued secret key or session token may
  // appear in any file code-server, the browser or the extension wrote for this run.
  if (allSecrets().length) {
    // First proof that it can fail: values planted in the run's folder must be found.
    const blind = scanFindsPlanted(runDir);
    const leaks = blind ? [blind] : findSecrets(runDir, allSecrets());
    if (leaks.length === 0) {
      passed++;
      console.log(`  ✔ no session secret in any of the run's files (${(localAws?.issuedSecrets.length ?? 0) / 2} session(s) issued; ${learntSecrets.length} more secret(s) learnt by the tests; planted values found)`);
    } else {
      failed++;
      console.log(`  ✖ session secrets found on disk:\n    ${leaks.join('\n    ')}`);
    }
  }
  if (failed === 0) removeRunDir(runDir);
  else console.log(`logs kept in ${runDir}`);
}
console.log(`UI run took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

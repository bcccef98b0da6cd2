// The browser entry in a real VS Code Web Worker extension host, offline: code-server 4.100.3 (the
// test host) runs web extensions in the browser's worker, as vscode.dev does. The repository is
// staged as a browser-only extension (package.json without `main`, extensionKind web, with
// dist/web/ and the test suite inside it, so that the suite runs in the same host), loaded as the
// development extension on a copy of examples/, and test/web/suite (out/test/web/suite/index.js)
// runs through the harness's extensionTestsPath. Ends with "N passed, N failed".
//   node test/web/run-code-server.mjs     (after node scripts/build.mjs and test/harness/install-host.sh)
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunDir, openWorkbench, removeRunDir, root, startCodeServer } from '../harness/codeServer.mjs';

const TIMEOUT_MS = 180_000;
const suite = join(root, 'out', 'test', 'web', 'suite');
if (!existsSync(join(suite, 'index.js')) || !existsSync(join(root, 'dist', 'web', 'extension.js'))) {
  console.log('missing out/test/web/suite or dist/web: run the dev build first (node scripts/build.mjs)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const started = Date.now();
const runDir = createRunDir('web');
let server;
let workbench;
let summary;
let exitCode = 1;
try {
  // Browser-only: without `main` VS Code can only run it in the Web Worker host.
  const extension = join(runDir, 'web-extension');
  mkdirSync(join(extension, 'dist'), { recursive: true });
  const { main: _main, ...manifest } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(extension, 'package.json'), JSON.stringify({ ...manifest, extensionKind: ['web'] }, null, 2));
  for (const entry of ['package.nls.json', 'schemas', 'snippets', 'syntaxes', 'images', 'media', 'docs']) symlinkSync(join(root, entry), join(extension, entry));
  symlinkSync(join(root, 'dist', 'web'), join(extension, 'dist', 'web'));
  cpSync(suite, join(extension, 'test-suite'), { recursive: true });
  // The suite writes into its workspace (.iamtrust.json): a copy, not examples/ itself.
  const folder = join(runDir, 'workspace');
  cpSync(join(root, 'examples'), folder, { recursive: true });

  server = await startCodeServer({ runDir, folder });
  const exited = new Promise((resolve) => {
    workbench = openWorkbench({
      runDir,
      server,
      devExtension: extension,
      testsPath: join(extension, 'test-suite', 'index.js'),
      onLog: (_type, text) => {
        if (/^(Creation of workbench contribution|Creating a socket|Resolv|Ignoring fetching|Updating additional)/.test(text)) return;
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        const match = /^(\d+) passed, (\d+) failed$/m.exec(text);
        if (match) summary = match[0];
      },
      onExit: resolve,
    });
  });
  workbench = await workbench;
  const result = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, 'timeout'))]);
  if (result === 'timeout') {
    console.log(`the web extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    await workbench.page.screenshot({ path: join(root, 'test-results', 'web-timeout.png') }).catch(() => {});
  } else {
    exitCode = result;
  }
} catch (error) {
  console.log(`harness error: ${error?.stack ?? error}`);
} finally {
  await workbench?.close?.().catch(() => {});
  await server?.stop();
  if (exitCode === 0) removeRunDir(runDir);
  else console.log(`logs kept in ${runDir}`);
}
console.log(`web worker extension host run took ${Math.round((Date.now() - started) / 1000)} s`);
if (!summary || exitCode !== 0) {
  const [passed, failed] = summary ? summary.split(/\D+/).map(Number) : [0, 0];
  summary = `${passed} passed, ${Math.max(failed, 1)} failed`;
}
console.log(summary);
process.exit(exitCode === 0 ? 0 : 1);

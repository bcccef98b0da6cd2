// Runs the mocha suites of test/vscode inside the real VS Code extension host (code-server),
// with this repository loaded as the development extension. Ends with "N passed, N failed".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRunDir, openWorkbench, removeRunDir, root, startCodeServer } from './codeServer.mjs';

const TIMEOUT_MS = Number(process.env.IAM_TRUST_VSCODE_TIMEOUT_MS ?? 420_000);
// --bench runs the editor benchmarks (test/vscode/bench) instead of the tests.
const bench = process.argv.includes('--bench');
const testsPath = join(root, 'out', 'test', 'vscode', ...(bench ? ['bench'] : []), 'index.js');
if (!existsSync(testsPath)) {
  console.log(`missing ${testsPath}: run the dev build first (npm run build)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const started = Date.now();
const runDir = createRunDir('vscode');
let server;
let workbench;
let summary;
let exitCode = 1;
try {
  server = await startCodeServer({ runDir, folder: join(root, 'examples') });
  const exited = new Promise((resolve) => {
    workbench = openWorkbench({
      runDir,
      server,
      devExtension: root,
      testsPath,
      onLog: (_type, text) => {
        process.stdout.write(text.endsWith('\n') ? text : text + '\n');
        const match = /^(\d+) passed, (\d+) failed$/m.exec(text);
        if (match) summary = match[0];
      },
      onExit: resolve,
    });
  });
  workbench = await workbench;
  const timeout = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, 'timeout'));
  const result = await Promise.race([exited, timeout]);
  if (result === 'timeout') {
    console.log(`the extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    await workbench.page.screenshot({ path: join(root, 'test-results', 'vscode-timeout.png') }).catch(() => {});
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
console.log(`extension host run took ${Math.round((Date.now() - started) / 1000)} s`);
if (!summary || exitCode !== 0) {
  const [passed, failed] = summary ? summary.split(/\D+/).map(Number) : [0, 0];
  summary = `${passed} passed, ${Math.max(failed, 1)} failed`;
}
console.log(summary);
process.exit(exitCode === 0 ? 0 : 1);

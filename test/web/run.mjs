// npm run test:web: the browser entry (dist/web/extension.js), in three steps.
//  1. test/web/run-worker.mjs: both browser bundles in a real Web Worker in headless Chromium
//     (no VS Code; works offline, also part of `npm test -- ui`).
//  2. test/web/run-code-server.mjs: the suite test/web/suite in code-server's Web Worker
//     extension host (VS Code 1.100.3 of the test host; offline, also part of `npm test -- ui`).
//  3. VS Code for the Web through @vscode/test-web (fetched with npx, not a dependency): the
//     extension in the browser's Web Worker extension host on examples/, running the mocha suite
//     test/web/suite (out/test/web/suite/index.js). It downloads VS Code for the Web from
//     update.code.visualstudio.com, so it needs internet access; without it this step says so
//     and the script exits 1 (nothing was tested there).
// Needs the dev build first: node scripts/build.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suite = join(root, 'out', 'test', 'web', 'suite', 'index.js');
const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/update/web-standalone/stable/latest';

console.log('== 1. the browser bundles in a Web Worker (Chromium)');
const worker = spawnSync(process.execPath, [join(root, 'test', 'web', 'run-worker.mjs')], { cwd: root, stdio: 'inherit' });

console.log('\n== 2. the web extension in code-server\'s Web Worker extension host');
const host = spawnSync(process.execPath, [join(root, 'test', 'web', 'run-code-server.mjs')], { cwd: root, stdio: 'inherit' });

console.log('\n== 3. VS Code for the Web (@vscode/test-web)');
let web = 1;
if (!existsSync(suite)) {
  console.log(`missing ${suite}: run the dev build first (node scripts/build.mjs)`);
} else {
  let reachable = false;
  try {
    reachable = (await fetch(UPDATE_SERVER, { signal: AbortSignal.timeout(10_000) })).ok;
  } catch (error) {
    console.log(`offline: ${UPDATE_SERVER} is unreachable (${error?.cause?.code ?? error?.name ?? error}).`);
  }
  if (!reachable) {
    console.log(
      'VS Code for the Web: NOT RUN. @vscode/test-web downloads VS Code for the Web from update.code.visualstudio.com;\n' +
        'run `npm run test:web` on a machine with internet access (Playwright\'s Chromium too: `npx playwright install chromium`).\n' +
        'Steps 1 and 2 above are what this machine can test.',
    );
  } else {
    const result = spawnSync(
      'npx',
      [
        '--yes',
        '@vscode/test-web',
        '--browser=chromium',
        '--headless',
        `--extensionDevelopmentPath=${root}`,
        `--extensionTestsPath=${suite}`,
        join(root, 'examples'),
      ],
      { cwd: root, stdio: 'inherit' },
    );
    web = result.status ?? 1;
    if (web !== 0) console.log('VS Code for the Web: failed (if the browser did not start: npx playwright install chromium)');
  }
}

const verdict = (status) => (status === 0 ? 'passed' : 'FAILED');
console.log(`\nweb worker: ${verdict(worker.status)}; code-server web worker host: ${verdict(host.status)}; VS Code for the Web: ${web === 0 ? 'passed' : 'failed or not run'}`);
process.exit(worker.status === 0 && host.status === 0 && web === 0 ? 0 : 1);

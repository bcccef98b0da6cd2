// npm start: try the extension as a person would. Builds and packages it, installs the VSIX
// into a private code-server (the test VS Code), opens examples/ and prints the URL.
// Ctrl-C stops everything. Options: --port N (default 8080, or a free one if taken).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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
const vsix = join(root, '.vscode-test', 'start.vsix');
run('building and packaging the extension', process.execPath, ['scripts/package.mjs', '--out', vsix]);

// A stable folder, so that settings and open editors survive from one `npm start` to the next.
const runDir = join(root, '.vscode-test', 'start');
for (const sub of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) {
  mkdirSync(join(runDir, sub), { recursive: true });
}
await installExtension(vsix, join(runDir, 'extensions'), runDir);

const port = (await portIsFree(wantedPort)) ? wantedPort : undefined;
const server = await startCodeServer({ runDir, folder: join(root, 'examples'), port, keepSettings: true });
console.log(`\nIAM Trust & Sessions is running in VS Code at:\n\n    ${server.url}/?folder=${encodeURIComponent(server.folder)}\n`);
console.log(`(code-server log: ${server.logFile}; press Ctrl-C to stop)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstart: stopping code-server');
  await server.stop();
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

// npm run package [-- --out FILE]: builds the minified bundles (vscode:prepublish) and the VSIX
// with @vscode/vsce, then reports every bundle's size and fails above the VSIX size budget.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const VSIX_BUDGET_BYTES = 1.5 * 1024 * 1024;
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if (outIndex >= 0 && !args[outIndex + 1]) {
  console.error('package: --out needs a file name');
  process.exit(2);
}
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, `${name}-${version}.vsix`));

// Bundled: node_modules is not shipped, so vsce must not try to collect dependencies.
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [
    vsce,
    'package',
    '--no-dependencies',
    // No public repository yet; README images are documentation, not shipped in the VSIX.
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    out,
  ], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
// Every bundle the build made, read from dist/ so that a new one is never left out of the summary.
for (const bundle of readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js')).sort()) {
  console.log(`package: dist/${bundle} ${kib(statSync(join(root, 'dist', bundle)).size)}`);
}
const size = statSync(out).size;
console.log(`package: ${out} ${kib(size)} (budget ${kib(VSIX_BUDGET_BYTES)})`);
if (size > VSIX_BUDGET_BYTES) {
  console.error('package: the VSIX is over its size budget');
  process.exit(1);
}

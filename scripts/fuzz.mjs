// npm run fuzz [-- --seed S --runs N --reader R[,R…] --workers W | --replay F.failure.json | --file F]:
// bundles test/fuzz/long.ts (which is also its workers' script) and runs the long fuzz.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, 'out', 'fuzz', 'long.js');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/fuzz/long.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);

// Activation bench (issue 15 §2): what this extension costs a window, against the built-in JSON
// Language Features in the same window, in fresh code-server windows. Reports; asserts nothing.
//
//   node test/vscode/bench/activation.mjs [--ref <git ref> | --ref worktree] [--windows 5]
//        [--settle-ms 10000] [--workspace <name prefix>]
//
// The extension measured is the minified production build of <ref> (default HEAD), made from
// `git archive` in .vscode-test/bench-activation/<commit>/ (or, with `--ref worktree`, from a
// copy of the working tree's files), so that the working tree's dist/ is left alone; it is
// loaded as the development extension. Each window is a new code-server, browser
// context, user-data and extension host; test/vscode/bench/activationProbe.ts reads the costs
// inside it. Needs the dev build (for the probe) and the test host: npm run bench:editor's set-up.
//
// Own cost = willLoadExtensionCode -> didLoadExtensionCode (the extension host's marks) + "Call
// Activate" of Developer: Startup Performance's Extension Activation Stats, plus, when the window
// needed them, requiring and activating dist/language.js (the API reports both). The table's
// "Load Code" is not used: its timer also runs while other extensions of the batch load.
// JSON's own cost is the same sum for vscode.json-language-features in the same window.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunDir, openWorkbench, removeRunDir, root, startCodeServer } from '../../harness/codeServer.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const ref = option('--ref', 'HEAD');
const windows = Number(option('--windows', '5'));
const settleMs = Number(option('--settle-ms', '10000'));
const only = option('--workspace', undefined);

const probe = join(root, 'out', 'test', 'vscode', 'bench', 'activationProbe.js');
if (!existsSync(probe)) {
  console.error(`missing ${probe}: run the dev build first (node scripts/build.mjs)`);
  process.exit(1);
}

const benchDir = join(root, '.vscode-test', 'bench-activation');
const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
const worktree = ref === 'worktree';
const commit = worktree ? `worktree-${Date.now()}` : git('rev-parse', ref);

/** The production build of the commit (or of the working tree), in a folder of its own. */
function stageExtension() {
  const dir = join(benchDir, commit.slice(0, worktree ? 40 : 12));
  if (existsSync(join(dir, 'dist', 'extension.js'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (worktree) {
    for (const file of git('ls-files', '-co', '--exclude-standard').split('\n')) {
      // A checkout whose node_modules is a symlink (a git worktree) lists it: it is linked below.
      if (file === 'node_modules' || file.startsWith('.vscode-test')) continue;
      if (existsSync(join(root, file))) cpSync(join(root, file), join(dir, file), { recursive: true });
    }
  } else {
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: root, stdio: 'inherit' });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), '--production'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** The three workspaces of issue 15, made fresh under the bench folder. */
function workspaces() {
  const base = join(benchDir, 'workspaces');
  rmSync(base, { recursive: true, force: true });
  const empty = join(base, 'empty');
  mkdirSync(empty, { recursive: true });
  const node = join(base, 'node-project');
  mkdirSync(join(node, 'src'), { recursive: true });
  writeFileSync(join(node, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', main: 'dist/index.js', scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.0.0' } }, null, 2));
  writeFileSync(join(node, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'Node16', outDir: 'dist' }, include: ['src'] }, null, 2));
  writeFileSync(join(node, 'src', 'index.ts'), 'export const answer = 42;\n');
  const examples = join(base, 'examples');
  cpSync(join(root, 'examples'), examples, { recursive: true });
  return [
    { name: 'empty folder', folder: empty },
    { name: 'package.json + tsconfig.json', folder: node },
    { name: 'examples/, a trust policy open', folder: examples, open: 'good/github-actions.trust-policy.json' },
  ].filter((w) => !only || w.name.startsWith(only));
}

async function oneWindow(workspace, extension) {
  const runDir = createRunDir('bench-activation');
  let server;
  let workbench;
  let line;
  try {
    server = await startCodeServer({
      runDir,
      folder: workspace.folder,
      env: { IAM_TRUST_BENCH_OPEN: workspace.open ?? '', IAM_TRUST_BENCH_SETTLE_MS: String(settleMs) },
    });
    const exited = new Promise((resolve) => {
      workbench = openWorkbench({
        runDir,
        server,
        devExtension: extension,
        testsPath: probe,
        onLog: (_type, text) => {
          const match = /^ACTIVATION (.*)$/m.exec(text);
          if (match) line = JSON.parse(match[1]);
        },
        onExit: resolve,
      });
    });
    workbench = await workbench;
    await Promise.race([exited, new Promise((r) => setTimeout(r, settleMs + 90_000))]);
  } finally {
    await workbench?.close?.().catch(() => {});
    await server?.stop();
    removeRunDir(runDir);
  }
  if (!line) throw new Error(`no ACTIVATION line from the window (${workspace.name})`);
  return line;
}

const median = (values) => {
  const s = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (v) => (Number.isNaN(v) || v === undefined ? '–' : `${v.toFixed(1)} ms`);

function costs(result) {
  // The table's "Load Code" starts before an await and counts the extensions loaded ahead in the
  // same batch (docs/performance.md): the marks bracket the extension's own require.
  const own = result.ours.stats && result.ours.loadCodeMarks !== undefined ? result.ours.loadCodeMarks + result.ours.stats.callActivate : NaN;
  const lazy = result.ours.language?.loaded ? result.ours.language.loadMs + result.ours.language.activateMs : 0;
  const json = result.json.stats && result.json.loadCodeMarks !== undefined ? result.json.loadCodeMarks + result.json.stats.callActivate : NaN;
  return { own: own + lazy, startup: own, lazy, json, ratio: (own + lazy) / json };
}

const extension = stageExtension();
console.log(`activation bench: ${ref} = ${commit.slice(0, 12)}, production build in ${extension}`);
console.log(`  ${windows} fresh windows per workspace, ${settleMs / 1000} s settle; Node ${process.version}\n`);
const summary = [];
for (const workspace of workspaces()) {
  const rows = [];
  for (let i = 0; i < windows; i++) {
    try {
      const result = await oneWindow(workspace, extension);
      const c = costs(result);
      rows.push(c);
      if (i === 0) console.log(`  Startup Performance rows:\n    ${result.ours.stats?.row}\n    ${result.json.stats?.row}`);
      console.log(
        `  ${workspace.name} #${i + 1}: ours ${ms(c.own)} (load+activate ${ms(c.startup)}, language.js ${ms(c.lazy)}; ` +
          `marks: load ${ms(result.ours.loadCodeMarks)}), JSON ${ms(c.json)} (marks: load ${ms(result.json.loadCodeMarks)}) = ${c.ratio.toFixed(2)}x; ` +
          `language.js ${result.ours.language?.loaded ? `loaded (${result.ours.language.reason})` : 'not loaded'}` +
          (result.ours.diagnostics !== undefined ? `, ${result.ours.diagnostics} diagnostics` : '') +
          `; activated by ${result.ours.stats?.event ?? '?'}; activate() itself ${ms(result.ours.activateCallMs)} (the API's activationTimeMs)`,
      );
    } catch (error) {
      console.log(`  ${workspace.name} #${i + 1}: failed: ${error.message}`);
    }
  }
  summary.push({ name: workspace.name, own: median(rows.map((r) => r.own)), json: median(rows.map((r) => r.json)), ratio: median(rows.map((r) => r.ratio)), n: rows.length });
}
console.log(`\n| workspace | ours (median) | JSON's (median) | ratio (median of windows) | windows |`);
console.log(`|---|---|---|---|---|`);
for (const s of summary) console.log(`| ${s.name} | ${ms(s.own)} | ${ms(s.json)} | ${s.ratio.toFixed(2)} | ${s.n} |`);

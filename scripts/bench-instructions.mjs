// `npm run bench:instructions` (after a build): instructions per policy, counted by valgrind's
// callgrind, of lint() beside its parts and beside cloud-copilot's validateTrustPolicy, on the
// sets of scripts/bench-policy.mjs. Instructions, unlike time, do not depend on what else the
// machine is doing: the same build and inputs count the same to within a few hundredths of a per
// cent, so a ratio measured on a busy machine holds (time on a 2-vCPU VM scatters by ±40%).
// They are not time (a cache miss costs many instructions' worth), so the bench of time
// (`npm run bench`) stays the measure of the goals; this tells where the instructions go.
//
// Each candidate runs in two child processes under callgrind, both warming up the same way
// (`--warm` rounds over the set, which is when V8 optimizes); one then runs `--rounds` more:
// the difference, over rounds × policies, is the count per policy, free of start-up and
// compilation. Candidates: JSON.parse; the peer when installed (as in bench-policy.mjs,
// BENCH_PEER=<dir>); runRules(text, []) (parsing, the line index and the model, no rule); lint().
// Needs valgrind (Debian: `apt-get install valgrind`); asserts nothing. Takes 15–30 minutes.
//
//   node scripts/bench-instructions.mjs [--warm 30] [--rounds 30] [--jobs 2] [--before <policy.js>]
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPolicies, loadPeer, PEER } from './lib/benchPolicies.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const options = { accountId: '111122223333' }; // as bench-policy.mjs

/** The function a candidate times, by name. */
function candidate(name, build) {
  const policy = createRequire(import.meta.url)(build);
  if (name === 'JSON.parse') return (t) => JSON.parse(t);
  if (name === 'peer') {
    const peer = loadPeer(root);
    return (t) => peer.validateTrustPolicy(JSON.parse(t));
  }
  if (name === 'parse+model') return (t) => policy.runRules(t, [], options);
  if (name === 'lint') return (t) => policy.lint(t, options);
  throw new Error(`unknown candidate ${name}`);
}

// A child: warm up, then run the measured rounds (possibly none), and exit.
if (process.argv[2] === '--child') {
  const [, , , name, setName, build, warm, rounds, setsFile] = process.argv;
  const set = JSON.parse(readFileSync(setsFile, 'utf8'))[setName];
  const fn = candidate(name, build);
  for (let r = 0; r < Number(warm); r++) for (const text of set) fn(text);
  for (let r = 0; r < Number(rounds); r++) for (const text of set) fn(text);
  process.exit(0);
}

const warm = Number(arg('--warm', 30));
const rounds = Number(arg('--rounds', 30));
const jobs = Math.max(1, Number(arg('--jobs', Math.min(2, cpus().length))));
// The builds are copied first: a build or `npm test` during the run (which empties dist/) must not change what is counted.
const copies = mkdtempSync(join(tmpdir(), 'bench-instructions-'));
const copied = (file, name) => {
  copyFileSync(file, join(copies, name));
  return join(copies, name);
};
const build = copied(join(root, 'dist', 'policy.js'), 'policy.js');
const before = arg('--before') && copied(arg('--before'), 'before.js');
// So are the policy sets, read once: every child counts the same texts.
const sets = benchPolicies(root);
const setsFile = join(copies, 'sets.json');
writeFileSync(setsFile, JSON.stringify(sets));

/** Instructions callgrind counts for one child run. */
function count(name, setName, buildFile, measured) {
  return new Promise((resolve, reject) => {
    const argv = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', fileURLToPath(import.meta.url), '--child', name, setName, buildFile, String(warm), String(measured), setsFile];
    execFile('valgrind', argv, { maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      const match = /Collected : (\d+)/.exec(stderr);
      if (error || !match) reject(new Error(`valgrind ${name} ${setName}: ${error?.message ?? 'no count'}\n${stderr.slice(-2000)}`));
      else resolve(Number(match[1]));
    });
  });
}

try {
  await new Promise((resolve, reject) => execFile('valgrind', ['--version'], (e) => (e ? reject(e) : resolve())));
} catch {
  console.log('bench-instructions: valgrind is not installed (Debian: apt-get install valgrind); nothing measured');
  process.exit(0);
}

const names = ['JSON.parse', ...(loadPeer(root) ? ['peer'] : []), 'parse+model', 'lint'];
const tasks = [];
for (const setName of ['small', 'large'])
  for (const name of names) for (const [label, file] of [[name, build], ...(before && name === 'lint' ? [['lint before', before]] : [])]) tasks.push({ setName, name, label, file });
// Each task is two child runs; at most `jobs` at once.
const runs = tasks.flatMap((t) => [0, rounds].map((measured) => ({ t, measured })));
const counts = new Map();
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < runs.length) {
      const { t, measured } = runs[next++];
      counts.set(`${t.setName} ${t.label} ${measured}`, await count(t.name, t.setName, t.file, measured));
    }
  }),
);

console.log(`\ninstructions per policy (callgrind; ${warm} rounds to warm up, ${rounds} counted), Node ${process.version}${loadPeer(root) ? '' : `; ${PEER} not found (BENCH_PEER)`}`);
for (const setName of ['small', 'large']) {
  const n = sets[setName].length;
  const per = (label) => (counts.get(`${setName} ${label} ${rounds}`) - counts.get(`${setName} ${label} 0`)) / rounds / n;
  const avg = Math.round(sets[setName].reduce((a, t) => a + t.length, 0) / n);
  console.log(`\n${setName}: ${n} policies, ${avg} characters on average`);
  const labels = tasks.filter((t) => t.setName === setName).map((t) => t.label);
  for (const label of labels) console.log(`  ${label.padEnd(14)} ${Math.round(per(label)).toLocaleString('en-US').padStart(9)}`);
  if (names.includes('peer')) {
    console.log(`  lint / peer          ${(per('lint') / per('peer')).toFixed(2)}×   (the goal in time: ≤ 1.0)`);
    console.log(`  parse+model / peer   ${(per('parse+model') / per('peer')).toFixed(2)}×   (before any rule runs)`);
  }
  console.log(`  lint / JSON.parse    ${(per('lint') / per('JSON.parse')).toFixed(2)}×`);
  if (before) console.log(`  lint / lint before   ${(per('lint') / per('lint before')).toFixed(3)}×`);
}

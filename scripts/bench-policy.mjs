// Part of `npm run bench` (also runnable alone after a build: `node scripts/bench-policy.mjs
// [--rounds N]`): time per policy of lint() beside cloud-copilot's validateTrustPolicy
// (JSON.parse and its checks; syntax only, no positions) and bare JSON.parse, side by side in
// one process, on small (< 1 KiB) and large (1–4 KiB) real-world trust policies. Reports the
// median, min and max over rounds of the time per policy and of the ratio lint / peer, each
// round timing the three in a rotating order. Asserts nothing.
//
// The policies: the JSON trust policies of test/fixtures/corpus/ (third-party copies, kept out
// of git: see its SOURCES.md; absent from a clean clone), test/fixtures/real-world/ and
// examples/. Real trust policies of 1–4 KiB are rare in them, so the large set is made of
// their statements, in order, put together into policies of 1–4 KiB (pretty-printed with 2 and
// 4 spaces, and one compact), beside the large ones that are real.
//
// The peer: @cloud-copilot/iam-policy, looked up from the project and, failing that, from the
// directory named by BENCH_PEER (one whose node_modules holds it). Without it, the peer's
// column is left out.
//
// Options: `--rounds N` (15); `--cpu` times process CPU time (process.cpuUsage) instead of wall
// time, for a shared machine (run it with `node --single-threaded`), and reports the minimum
// beside the median; `--before <policy.js>` also times lint() of another build (e.g. a copy of
// dist/policy.js made before a change) in the same rotation.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPolicies, loadPeer, PEER } from './lib/benchPolicies.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { lint } = require(join(root, 'dist', 'policy.js'));

const peer = loadPeer(root);

const { small, large } = benchPolicies(root);

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const cpu = process.argv.includes('--cpu');
const beforeBuild = arg('--before');
const lintBefore = beforeBuild ? require(beforeBuild).lint : undefined;
const rounds = Number(process.argv.includes('--rounds') ? process.argv[process.argv.indexOf('--rounds') + 1] : 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/** µs per policy of each candidate over `set`, rounds × (each candidate over the set `repeat` times, in rotating order). */
function compare(set, candidates, repeat) {
  const samples = candidates.map(() => []);
  const once = (fn) => {
    if (cpu) {
      const t0 = process.cpuUsage();
      for (let r = 0; r < repeat; r++) for (const text of set) fn(text);
      const { user, system } = process.cpuUsage(t0);
      return (user + system) / repeat / set.length;
    }
    const t0 = performance.now();
    for (let r = 0; r < repeat; r++) for (const text of set) fn(text);
    return ((performance.now() - t0) * 1000) / repeat / set.length;
  };
  for (const { fn } of candidates) for (let i = 0; i < 3; i++) once(fn); // warm up
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (round + k) % candidates.length;
      samples[i].push(once(candidates[i].fn));
    }
  }
  return samples;
}

const options = { accountId: '111122223333' };
const candidates = [
  { name: 'JSON.parse', fn: (t) => JSON.parse(t) },
  ...(peer ? [{ name: 'peer validateTrustPolicy(JSON.parse)', fn: (t) => peer.validateTrustPolicy(JSON.parse(t)) }] : []),
  ...(lintBefore ? [{ name: `lint of ${beforeBuild}`, fn: (t) => lintBefore(t, options) }] : []),
  { name: 'lint', fn: (t) => lint(t, options) },
];
const fmt = (m, digits = 1) => `${m.median.toFixed(digits)} (${m.min.toFixed(digits)}–${m.max.toFixed(digits)})`;

console.log(`\nper policy: lint() (${require(join(root, 'dist', 'policy.js')).RULES.length} rules) beside ${peer ? `${PEER} ${peer.version} (${peer.license})` : `JSON.parse only (${PEER} not found; set BENCH_PEER to a directory where it is installed)`}`);
console.log(`  ${rounds} rounds, each candidate timed over the whole set per round in rotating order; µs ${cpu ? 'of CPU time' : ''} per policy, median (min–max)`);
for (const [name, set, repeat] of [
  ['small', small, 100],
  ['large', large, 30],
]) {
  const avg = Math.round(set.reduce((a, t) => a + t.length, 0) / set.length);
  const samples = compare(set, candidates, repeat);
  console.log(`\n${name}: ${set.length} policies, ${avg} characters on average`);
  candidates.forEach((c, i) => console.log(`  ${c.name.padEnd(38)} ${fmt(range(samples[i]))} µs`));
  const lintSamples = samples.at(-1);
  console.log(`  lint / JSON.parse                      ${fmt(range(lintSamples.map((x, r) => x / samples[0][r])), 2)}×`);
  if (peer) console.log(`  lint / peer                            ${fmt(range(lintSamples.map((x, r) => x / samples[1][r])), 2)}×   (goal ≤ 1.0)`);
  if (peer && cpu) console.log(`  lint / peer, minimum over minimum      ${(Math.min(...lintSamples) / Math.min(...samples[1])).toFixed(2)}×`);
  if (lintBefore) console.log(`  lint / lint before                     ${fmt(range(lintSamples.map((x, r) => x / samples.at(-2)[r])), 2)}×`);
}

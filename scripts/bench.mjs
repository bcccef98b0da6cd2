// npm run bench: lint per policy beside cloud-copilot's validateTrustPolicy and JSON.parse on
// small and large real-world policies (scripts/bench-policy.mjs), lint beside bare JSON.parse and
// jsonc-parser's parseTree on one ~500 KB document, measured in the same run. Reports figures
// (median of rounds, with the spread); asserts nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const require = createRequire(import.meta.url);
const policy = require(join(root, 'dist/policy.js'));
const { parseTree } = require('jsonc-parser');

const dir = join(root, 'test/fixtures/real-world');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8'));
const statements = corpus.flatMap((t) => JSON.parse(t).Statement);
let big = '';
for (let n = 0; big.length < 500_000; n += 50) {
  big = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ ...statements[i % statements.length], Sid: `S${i}` })) }, null, 2);
}

/** Median and spread (min–max) of `rounds` timings of fn() repeated `repeat` times, in ms per call. */
function measure(fn, { rounds = 15, repeat = 1 } = {}) {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < repeat; i++) fn();
    samples.push((performance.now() - t0) / repeat);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}
const fmt = (m, unit = 'ms', scale = 1) => `${(m.median * scale).toFixed(unit === 'µs' ? 1 : 2)} ${unit} (${(m.min * scale).toFixed(unit === 'µs' ? 1 : 2)}–${(m.max * scale).toFixed(unit === 'µs' ? 1 : 2)})`;

console.log(`\nbench: Node ${process.version}, ${policy.RULES.length} rules`);

// Per policy, small and large, beside cloud-copilot's validateTrustPolicy: scripts/bench-policy.mjs.
await import('./bench-policy.mjs');

const bJson = measure(() => JSON.parse(big), { rounds: 9 });
const bTree = measure(() => parseTree(big, []), { rounds: 9 });
const bLint = measure(() => policy.lint(big), { rounds: 9 });
console.log(`\nlarge: one document of ${(big.length / 1024).toFixed(0)} KiB, ${JSON.parse(big).Statement.length} statements`);
console.log(`  JSON.parse          ${fmt(bJson)}`);
console.log(`  jsonc parseTree     ${fmt(bTree)}`);
console.log(`  lint                ${fmt(bLint)}   = ${(bLint.median / bJson.median).toFixed(1)}x JSON.parse`);

// Where the time goes: parsing and the model, then each rule on its own. A rule's time is
// the difference between runRules() with it and without it, run back to back in the order
// without, with, with, without (so that drift and garbage collection left by the previous
// run fall on both sides), the median of 7 such rounds. A rule alone also computes the
// statement facts it shares with others (allowed actions, restricting conditions), which a
// full lint computes once for all of them.
const parseModel = measure(() => policy.runRules(big, []), { rounds: 9 });
console.log(`\nwhere the time goes on the large document (parse + model: ${fmt(parseModel)})`);
const timed = (rules) => {
  const t0 = performance.now();
  policy.runRules(big, rules);
  return performance.now() - t0;
};
const perRule = policy.RULES.map((rule) => {
  const differences = [];
  for (let round = 0; round < 7; round++) {
    const without = timed([]);
    const withRule = timed([rule]) + timed([rule]);
    differences.push((withRule - without - timed([])) / 2);
  }
  differences.sort((a, b) => a - b);
  return { code: rule.meta.code, ms: differences[3] };
});
perRule.sort((a, b) => b.ms - a.ms);
for (const { code, ms } of perRule.slice(0, 8)) console.log(`  ${code.padEnd(36)} ${Math.max(0, ms).toFixed(2)} ms`);
console.log(`  (${perRule.length - 8} more rules, ${perRule.slice(8).reduce((a, r) => a + Math.max(0, r.ms), 0).toFixed(2)} ms together)`);

// Trust policies inside templates and Terraform files.
await import('./bench-embedded.mjs');

// Time versus size: for each shape of hostile input, the time to lint documents of 10 KB to
// 10 MB as a JSON policy, inside a CloudFormation YAML template and inside a Terraform file
// (lintEmbedded). Each series runs in a worker with a time limit per size: a size that does not
// finish in time is reported as such, and the series stops there. Reports; asserts nothing.
await import('./bench-size.mjs');

// trust-policy-lint audit of a 1,000-role account against the local endpoint (issue 16).
await import('./bench-audit.mjs');

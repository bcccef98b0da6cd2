// The long fuzz run (npm run fuzz [-- --runs N --seed S]): at least 100,000 documents, then a
// linearity check of lint's cost. Exits non-zero with the shrunk counterexample on a failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { lint } from '../../src/policy';
import { anyInput, checkLint } from './properties';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const dir = join(process.cwd(), 'test', 'fixtures', 'real-world');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8'));

let documents = 0;
let characters = 0;
const started = performance.now();
const result = fc.check(
  fc.property(anyInput(seeds), fc.boolean(), (text, withAccount) => {
    documents++;
    characters += text.length;
    checkLint(text, withAccount ? '111122223333' : undefined);
  }),
  { numRuns: runs, seed },
);
const seconds = (performance.now() - started) / 1000;
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  // The report gives the counterexample; the property's own reason is in the error it threw.
  const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  console.error(`Broken property: ${reason}`);
  console.log(`fuzz: FAILED after ${documents} documents (seed ${seed})`);
  process.exit(1);
}
console.log(`fuzz: ${documents} documents (${(characters / 1e6).toFixed(1)} M characters) in ${seconds.toFixed(1)} s, seed ${seed}: no property broken`);

// Linearity: lint n and 8n statements; the per-statement cost must not grow with size.
const statement = JSON.parse(seeds.find((s) => s.includes('Condition')) ?? seeds[0]!).Statement[0];
const sized = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ ...statement, Sid: `S${i}` })) }, null, 2);
const time = (text: string) => {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    lint(text);
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[3]!;
};
const small = sized(200);
const large = sized(1600);
time(small);
const ratio = time(large) / time(small);
console.log(`fuzz: linearity: 8x the statements took ${ratio.toFixed(1)}x the time (${small.length} vs ${large.length} characters)`);
if (ratio > 20) {
  console.log('fuzz: FAILED: lint cost grows faster than the document');
  process.exit(1);
}

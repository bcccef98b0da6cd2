// The long fuzz run: npm run fuzz [-- --seed S --runs N --reader json,terraform --workers 2]
//   default: 200,000 documents for json, 50,000 for each other reader (--runs sets every reader's count)
//   --replay test-results/fuzz/<file>.failure.json   runs one failing document again and says what it does
//   --file <path> --reader <r>                       runs a file of your own through a reader
// Prints the documents per reader and every failure; each failing input is written under
// test-results/fuzz/ (at most 20 per reader). Then checks that lint's cost grows linearly.
// Exits non-zero on any failure. This bundle is also the workers' script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { lint } from '../../src/policy';
import { formatOf, type Format } from './generate';
import { failingDocument, Pool, writeFailure } from './pool';
import { READER_NAMES, readerNamed } from './readers';
import { describeFailure, fuzz, loadCorpus, type ReaderRun } from './run';
import { runWorker, type Failure } from './worker';

const DEFAULT_RUNS: Record<string, number> = { json: 200_000 };
const OTHER_RUNS = 50_000;
const BATCH: Record<string, number> = { json: 200, evaluate: 100 };
const HANG_MS = 2000;
const WRITTEN_PER_READER = 20;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      runs: { type: 'string' },
      reader: { type: 'string' },
      workers: { type: 'string', default: '2' },
      replay: { type: 'string' },
      file: { type: 'string' },
      out: { type: 'string', default: join('test-results', 'fuzz') },
    },
  });
  const root = process.cwd();
  const corpus = loadCorpus(root);
  const pool = new Pool({ workerFile: __filename, corpus, workers: Number(values.workers), hangMs: HANG_MS });
  try {
    if (values.replay || values.file) return await replay(pool, values.replay, values.file, values.reader);
    const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
    const readers = values.reader ? values.reader.split(',') : READER_NAMES;
    readers.forEach(readerNamed);
    const plan = readers.map((reader) => ({ reader, count: values.runs ? Number(values.runs) : (DEFAULT_RUNS[reader] ?? OTHER_RUNS), batch: BATCH[reader] ?? 25 }));
    console.log(`fuzz: seed ${seed}, ${plan.map((p) => `${p.reader} ${p.count}`).join(', ')}; ${values.workers} workers; budget 50 ms per 1,024 characters (at least 50 ms) per call; a call without progress for ${HANG_MS} ms of its thread's CPU time is a hang`);
    let lastPrint = Date.now();
    const progress = new Map<string, ReaderRun>();
    const runs = await fuzz(pool, seed, plan, (run) => {
      progress.set(run.reader, run);
      if (Date.now() - lastPrint < 30_000) return;
      lastPrint = Date.now();
      console.log(`fuzz: … ${plan.map((p) => `${p.reader} ${progress.get(p.reader)?.documents ?? 0}/${p.count} (${progress.get(p.reader)?.failures.length ?? 0} failing)`).join(', ')}`);
    });
    report(runs, corpus, values.out!);
    const failed = runs.some((r) => r.failures.length > 0);
    console.log(failed ? `fuzz: FAILED (seed ${seed}); inputs under ${values.out}/` : `fuzz: no failure (seed ${seed})`);
    return (failed ? 1 : 0) | linearity();
  } finally {
    await pool.close();
  }
}

function report(runs: ReaderRun[], corpus: ReturnType<typeof loadCorpus>, out: string): void {
  console.log('\nreader            documents   M chars   seconds   docs/s   exceptions  slow  hangs  crashes');
  for (const run of runs) {
    const count = (kind: Failure['kind']) => run.failures.filter((f) => f.kind === kind).length;
    console.log(
      `${run.reader.padEnd(16)} ${String(run.documents).padStart(10)} ${(run.chars / 1e6).toFixed(1).padStart(9)} ${(run.ms / 1000).toFixed(1).padStart(9)} ${Math.round(run.documents / (run.ms / 1000)).toString().padStart(8)}   ${String(count('exception')).padStart(10)} ${String(count('slow')).padStart(5)} ${String(count('hang')).padStart(6)} ${String(count('crash')).padStart(8)}`,
    );
  }
  for (const run of runs) {
    if (run.failures.length === 0) continue;
    // Group by what failed: kind, the engine function (the call's first word) and the first line of the message.
    const groups = new Map<string, Failure[]>();
    for (const f of run.failures) {
      const key = `${f.kind} in ${f.call.split(/[\s@]/)[0]}: ${f.kind === 'exception' ? f.message.split('\n')[0] : ''}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    console.log(`\n${run.reader}: ${run.failures.length} failing documents`);
    let written = 0;
    for (const [key, failures] of groups) {
      const smallest = [...failures].sort((a, b) => a.chars - b.chars || a.index - b.index)[0]!;
      console.log(`  ${failures.length} × ${key}`);
      for (const f of [smallest, ...failures.filter((x) => x !== smallest)].slice(0, 3)) {
        const path = written++ < WRITTEN_PER_READER ? writeFailure(f, corpus, out) : '(not written)';
        console.log(`    ${describeFailure(f)}\n      ${failingDocument(f, corpus).origin}\n      input: ${path}`);
      }
    }
  }
}

/** Runs one failing document again (from its .failure.json) or a file, and prints what happens. */
async function replay(pool: Pool, failureFile: string | undefined, file: string | undefined, readerName: string | undefined): Promise<number> {
  let result;
  if (failureFile) {
    const failure = JSON.parse(readFileSync(failureFile, 'utf8')) as Failure & { input: string; format: Format };
    const text = readFileSync(failure.input, 'utf8');
    console.log(`replay: ${failure.reader} doc ${failure.index} (seed ${failure.seed}), ${text.length} characters, was: ${failure.kind} in ${failure.call}`);
    result = await pool.run({ type: 'batch', seed: failure.seed, reader: failure.reader, start: failure.index, end: failure.index + 1 });
  } else {
    const text = readFileSync(file!, 'utf8');
    const format = formatOf(file!, text) ?? 'policy';
    const reader = readerName ?? { policy: 'json', 'cfn-yaml': 'cfn-yaml', 'cfn-json': 'cfn-json', terraform: 'terraform' }[format];
    readerNamed(reader);
    console.log(`replay: ${file} (${format}, ${text.length} characters) through ${reader}`);
    result = await pool.run({ type: 'text', seed: 0, reader, index: 0, format, text });
  }
  for (const f of result.failures) console.log(`  ${describeFailure(f)}\n${f.message.split('\n').slice(1).map((l) => `    ${l}`).join('\n')}`);
  console.log(result.failures.length ? 'replay: FAILED' : 'replay: no failure');
  return result.failures.length ? 1 : 0;
}

/** Lint n and 8n statements; the cost per statement must not grow with size (8x the statements in at most 20x the CPU time). */
function linearity(): number {
  const statement = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } };
  const sized = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ ...statement, Sid: `S${i}` })) }, null, 2);
  const time = (text: string) => {
    const samples: number[] = [];
    // In CPU time (the workers are idle by now): on a loaded machine wall time is mostly waiting.
    // The minimum of 11: a collection or a preemption only ever adds time (the median of 7 still
    // failed under load now and then).
    for (let i = 0; i < 11; i++) {
      const t0 = process.cpuUsage();
      lint(text);
      const { user, system } = process.cpuUsage(t0);
      samples.push((user + system) / 1000);
    }
    return Math.min(...samples);
  };
  const small = sized(200);
  const large = sized(1600);
  time(small);
  const ratio = time(large) / time(small);
  console.log(`fuzz: linearity: 8x the statements took ${ratio.toFixed(1)}x the CPU time (${small.length} vs ${large.length} characters)`);
  if (ratio <= 20) return 0;
  console.log('fuzz: FAILED: lint cost grows faster than the document');
  return 1;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
} else {
  runWorker();
}

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isMainThread } from 'node:worker_threads';
import type { Format } from '../fuzz/generate';
import { Pool, writeFailure } from '../fuzz/pool';
import { READER_NAMES } from '../fuzz/readers';
import { describeFailure, fuzz, loadCorpus } from '../fuzz/run';
import { runWorker, type Failure } from '../fuzz/worker';

// A short, deterministic fuzz run on every `npm test` (fixed seed, fixed documents); `npm run
// fuzz` runs the long one. This bundle is also the workers' script: loaded in a worker thread,
// it runs documents instead of tests.
const root = join(__dirname, '..', '..', '..');
const SEED = 20261130;
const HANG_MS = 2000;
const PLAN = [
  { reader: 'json', count: 600, batch: 50 },
  { reader: 'cfn-yaml', count: 120, batch: 20 },
  { reader: 'cfn-json', count: 120, batch: 20 },
  { reader: 'terraform', count: 120, batch: 20 },
  { reader: 'evaluate', count: 200, batch: 25 },
  { reader: 'editor', count: 120, batch: 20 },
  { reader: 'editor-embedded', count: 100, batch: 20 },
];
const READER_OF: Record<Format, string> = { policy: 'json', 'cfn-yaml': 'cfn-yaml', 'cfn-json': 'cfn-json', terraform: 'terraform' };
const out = join(root, 'test-results', 'fuzz', 'unit');

if (!isMainThread) {
  runWorker();
} else {
  const corpus = loadCorpus(root);
  let pool: Pool;

  /** Fails with every failure, each input written under test-results/fuzz/unit/ for replay. */
  const assertNone = (failures: Failure[], texts?: Map<Failure, { text: string; format: Format }>) => {
    if (failures.length === 0) return;
    const lines = failures.slice(0, 40).map((f) => {
      const given = texts?.get(f);
      return `${describeFailure(f)}\n    input: ${writeFailure(f, corpus, out, given?.text, given?.format)}`;
    });
    assert.fail(`${failures.length} failure(s):\n${lines.join('\n')}`);
  };

  describe('fuzzing every reader with mutated fixtures and hostile shapes', () => {
    before(() => {
      rmSync(out, { recursive: true, force: true });
      pool = new Pool({ workerFile: __filename, corpus, workers: 2, hangMs: HANG_MS });
    });
    after(() => pool.close());

    it('reads every fixture and example', () => {
      const formats = new Set(corpus.map((f) => f.format));
      assert.deepEqual([...formats].sort(), ['cfn-json', 'cfn-yaml', 'policy', 'terraform']);
      assert.ok(corpus.length >= 30, `only ${corpus.length} files`);
    });

    it('the harness reports a hang, an exception and a slow call, with the input, and goes on', async () => {
      const check = new Pool({ workerFile: __filename, corpus, workers: 1, hangMs: 500 });
      try {
        const run = (text: string) => check.run({ type: 'text', seed: 1, reader: 'harness-check', index: 7, format: 'policy', text });
        const hang = await run('hang');
        assert.deepEqual(hang.failures.map((f) => [f.kind, f.index, f.call]), [['hang', 7, 'misbehave']]);
        const thrown = await run('throw');
        assert.deepEqual(thrown.failures.map((f) => [f.kind, f.call]), [['exception', 'misbehave']]);
        assert.match(thrown.failures[0]!.message, /thrown on purpose/);
        const slow = await run('slow');
        assert.deepEqual(slow.failures.map((f) => [f.kind, f.call]), [['slow', 'misbehave']]);
        assert.deepEqual((await run('fine')).failures, []);
        const dir = join(out, 'harness');
        const path = writeFailure(hang.failures[0]!, corpus, dir, 'hang', 'policy');
        assert.equal(readFileSync(path, 'utf8'), 'hang');
        assert.ok(existsSync(path.replace(/\.json$/, '.failure.json')));
        rmSync(dir, { recursive: true, force: true });
      } finally {
        await check.close();
      }
    });

    it(`${PLAN.reduce((n, p) => n + p.count, 0)} documents (seed ${SEED}) through ${READER_NAMES.join(', ')}: no exception, no call over 50 ms per KB (at least 50 ms), no call without progress for ${HANG_MS} ms of its thread's CPU time`, async () => {
      const runs = await fuzz(pool, SEED, PLAN);
      for (const run of runs) assert.equal(run.documents, PLAN.find((p) => p.reader === run.reader)!.count, run.reader);
      assertNone(runs.flatMap((r) => r.failures));
    });

    it('every truncation of the smallest fixture of each format', async () => {
      const texts = new Map<Failure, { text: string; format: Format }>();
      const failures: Failure[] = [];
      await Promise.all(
        (['policy', 'cfn-yaml', 'cfn-json', 'terraform'] as const).map(async (format) => {
          const file = corpus.filter((f) => f.format === format).sort((a, b) => a.text.length - b.text.length)[0]!;
          const result = await pool.run({ type: 'text', seed: SEED, reader: READER_OF[format], index: 0, format, text: file.text, prefixes: true });
          assert.equal(result.documents, file.text.length + 1);
          for (const f of result.failures) texts.set(f, { text: file.text.slice(0, f.index), format });
          failures.push(...result.failures);
        }),
      );
      assertNone(failures, texts);
    });
  });
}

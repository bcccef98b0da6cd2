// What the short run (test/unit/fuzz.test.ts) and the long one (npm run fuzz) share: the corpus
// of every fixture and example, and a run of N documents per reader through a Pool.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatOf, type CorpusFile } from './generate';
import type { Pool } from './pool';
import type { Failure } from './worker';

/** Every fixture (test/fixtures/**) and example (examples/**) the fuzzers can read. */
export function loadCorpus(root: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const dir of ['test/fixtures', 'examples']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const text = readFileSync(path, 'utf8');
      const format = formatOf(entry.name, text);
      if (format) files.push({ name: relative(root, path), format, text });
    }
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface ReaderRun {
  reader: string;
  documents: number;
  chars: number;
  ms: number;
  failures: Failure[];
}

/** Runs `count` documents of each reader (indices 0..count-1 under `seed`), `batch` documents per message. */
export async function fuzz(pool: Pool, seed: number, plan: ReadonlyArray<{ reader: string; count: number; batch: number }>, onBatch?: (run: ReaderRun) => void): Promise<ReaderRun[]> {
  return Promise.all(
    plan.map(async ({ reader, count, batch }) => {
      const run: ReaderRun = { reader, documents: 0, chars: 0, ms: 0, failures: [] };
      const started = performance.now();
      const jobs: Array<Promise<void>> = [];
      for (let start = 0; start < count; start += batch) {
        jobs.push(
          pool.run({ type: 'batch', seed, reader, start, end: Math.min(count, start + batch) }).then((result) => {
            run.documents += result.documents;
            run.chars += result.chars;
            run.failures.push(...result.failures);
            run.ms = performance.now() - started;
            onBatch?.(run);
          }),
        );
      }
      await Promise.all(jobs);
      run.ms = performance.now() - started;
      run.failures.sort((a, b) => a.index - b.index);
      return run;
    }),
  );
}

/** One line per failure, for reports: where, what, which call. */
export function describeFailure(f: Failure): string {
  const first = f.message.split('\n')[0];
  return `${f.reader} doc ${f.index} (seed ${f.seed}): ${f.kind} in ${f.call}: ${first}`;
}

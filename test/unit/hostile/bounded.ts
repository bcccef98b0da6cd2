// Runs a call into the built library (dist/policy.js) in a worker thread with a time bound, so
// that a hang or a runaway regular expression fails its test instead of hanging the run. The
// bound is a hang guard, generous for a loaded machine, not a speed test: speed is the fuzz
// suite's per-KB budget (in CPU time) and `npm run bench`'s time-versus-size table.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const LIBRARY = join(__dirname, '..', '..', '..', '..', 'dist', 'policy.js');

export type Bounded<T> = { done: true; value: T; ms: number } | { done: false; ms: number };

/**
 * Calls `body` — the source of a function `(policy, input) => result` — with the library and a
 * structured-cloneable input, in a worker; `done: false` when it did not answer within `ms`.
 */
export function bounded<T>(body: string, input: unknown, ms = 30_000): Promise<Bounded<T>> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const policy = require(workerData.library);
    const started = performance.now();
    const value = (${body})(policy, workerData.input);
    parentPort.postMessage({ value, ms: performance.now() - started });`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const worker = new Worker(source, { eval: true, workerData: { library: LIBRARY, input }, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ done: false, ms: performance.now() - started });
    }, ms);
    worker.once('message', (message: { value: T; ms: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ done: true, value: message.value, ms: message.ms });
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

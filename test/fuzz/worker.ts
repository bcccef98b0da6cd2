// The fuzz worker: runs batches of documents through one reader, timing every engine call.
// Before each call it writes, into memory shared with the main thread, a call counter, the
// document's index and the call's name, so that the main thread's watchdog can tell a hang
// from slow progress and attribute it without a message per document.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { document, type CorpusFile, type Format } from './generate';
import { Random } from './random';
import { READERS, readerNamed, type Probe } from './readers';

/** Slots of the shared Int32Array. */
export const SLOT = { calls: 0, index: 1, labelLength: 2, ready: 3, tid: 4 } as const;
export const LABEL_OFFSET = 32;
export const LABEL_CHARS = 240;
export const SHARED_BYTES = LABEL_OFFSET + LABEL_CHARS * 2;

/** The time a call may take: 50 ms per 1,024 characters, and at least 50 ms (garbage collection and compilation pauses reach tens of ms). */
export const budgetMs = (chars: number) => Math.max(50, (50 * chars) / 1024);

/** Documents start..end-1 of (seed, reader). */
export interface BatchJob {
  id: number;
  type: 'batch';
  seed: number;
  reader: string;
  start: number;
  end: number;
}
/** One given text, its calls' offsets and requests drawn from (seed, reader, index). */
export interface TextJob {
  id: number;
  type: 'text';
  seed: number;
  reader: string;
  index: number;
  format: Format;
  text: string;
  /** Run every prefix of the text instead (index = its length): truncation at every point. */
  prefixes?: boolean;
  /** With prefixes: the first prefix length to run (after a hang, the rest). */
  from?: number;
}
export type Job = BatchJob | TextJob;
export type JobSpec = Omit<BatchJob, 'id'> | Omit<TextJob, 'id'>;

export type FailureKind = 'exception' | 'slow' | 'hang' | 'crash';

export interface Failure {
  reader: string;
  seed: number;
  index: number;
  kind: FailureKind;
  /** The engine call at fault (its name and offset). */
  call: string;
  message: string;
  ms?: number;
  budgetMs?: number;
  chars: number;
  format?: Format;
  origin?: string;
}

export interface JobResult {
  id: number;
  documents: number;
  chars: number;
  failures: Failure[];
}

export interface WorkerInput {
  corpus: CorpusFile[];
  shared: SharedArrayBuffer;
}

class CallFailed extends Error {}

/**
 * CPU time in ms of a thread of this process, by its Linux thread id, or of the calling thread
 * (/proc, in ticks of 10 ms); undefined where there is no /proc.
 */
export function threadCpuMs(tid?: number): number | undefined {
  try {
    const stat = readFileSync(tid ? `/proc/self/task/${tid}/stat` : '/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The calling thread's Linux thread id (0 where there is no /proc). */
function threadId(): number {
  try {
    return Number.parseInt(readFileSync('/proc/thread-self/stat', 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

export function runWorker(): void {
  const { corpus, shared } = workerData as WorkerInput;
  const slots = new Int32Array(shared, 0, 8);
  const label = new Uint16Array(shared, LABEL_OFFSET, LABEL_CHARS);

  const runOne = (reader: string, seed: number, index: number, r: Random, format: Format, text: string, origin: string | undefined, failures: Failure[]) => {
    const base = { reader, seed, index, chars: text.length, format, ...(origin ? { origin } : {}) };
    const budget = budgetMs(text.length);
    const probe: Probe = (name, fn) => {
      const n = Math.min(name.length, LABEL_CHARS);
      for (let i = 0; i < n; i++) label[i] = name.charCodeAt(i);
      Atomics.store(slots, SLOT.labelLength, n);
      Atomics.add(slots, SLOT.calls, 1);
      let result;
      let ms: number;
      try {
        const t0 = performance.now();
        result = fn();
        ms = performance.now() - t0;
        // Over the budget in wall time: other processes on the machine (a loaded 2-core machine
        // gives a thread a fraction of a core) or a pause can do that. Confirm with up to three
        // more runs timed in this thread's own CPU time, and keep the fastest. (A function that
        // remembers its answers is faster the second time; a real slowness grows with the input,
        // and larger documents show it.)
        for (let again = 0; again < 3 && ms > budget; again++) {
          Atomics.add(slots, SLOT.calls, 1);
          const cpu0 = threadCpuMs();
          const t1 = performance.now();
          fn();
          const wall = performance.now() - t1;
          const cpu1 = threadCpuMs();
          ms = Math.min(ms, cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : wall);
        }
      } catch (error) {
        if (error instanceof CallFailed) throw error;
        const message = error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(error);
        failures.push({ ...base, kind: 'exception', call: name, message });
        throw new CallFailed();
      }
      if (ms > budget) failures.push({ ...base, kind: 'slow', call: name, message: `${ms.toFixed(0)} ms (fastest of up to 4 runs, in CPU time after the first), over the budget of ${budget.toFixed(0)} ms for ${text.length} characters`, ms, budgetMs: budget });
      return result;
    };
    try {
      readerNamed(reader).run(text, format, r, probe);
    } catch (error) {
      if (!(error instanceof CallFailed)) failures.push({ ...base, kind: 'exception', call: '(fuzz harness)', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  };

  // Warm up, untimed: the first call of each reader compiles the engine and builds its lazy
  // tables (tens to hundreds of ms), which is no document's fault.
  for (const reader of READERS) {
    const file = corpus.find((f) => reader.formats.includes(f.format));
    if (!file) continue;
    try {
      reader.run(file.text, file.format, new Random(1), (_name, fn) => fn());
    } catch {
      // Reported when a document meets it.
    }
  }
  Atomics.store(slots, SLOT.tid, threadId());
  Atomics.store(slots, SLOT.ready, 1);

  parentPort!.on('message', (job: Job) => {
    const failures: Failure[] = [];
    let documents = 0;
    let chars = 0;
    if (job.type === 'batch') {
      const reader = readerNamed(job.reader);
      for (let index = job.start; index < job.end; index++) {
        Atomics.store(slots, SLOT.index, index);
        const r = Random.for(job.seed, job.reader, index);
        const doc = document(r.pick(reader.formats), corpus, r);
        runOne(job.reader, job.seed, index, r, doc.format, doc.text, doc.origin, failures);
        documents++;
        chars += doc.text.length;
      }
    } else if (job.prefixes) {
      for (let index = job.from ?? 0; index <= job.text.length; index++) {
        Atomics.store(slots, SLOT.index, index);
        runOne(job.reader, job.seed, index, Random.for(job.seed, `${job.reader}/text`, index), job.format, job.text.slice(0, index), `truncated at ${index}`, failures);
        documents++;
        chars += index;
      }
    } else {
      Atomics.store(slots, SLOT.index, job.index);
      runOne(job.reader, job.seed, job.index, Random.for(job.seed, `${job.reader}/text`, job.index), job.format, job.text, undefined, failures);
      documents = 1;
      chars = job.text.length;
    }
    parentPort!.postMessage({ id: job.id, documents, chars, failures } satisfies JobResult);
  });
}

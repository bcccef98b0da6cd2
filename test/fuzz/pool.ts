// A pool of fuzz workers with a watchdog. Jobs (batches of documents) go to idle workers; a
// timer looks at each busy worker's call counter in shared memory, and a worker whose counter
// has not moved while its thread spent `hangMs` of CPU time (on Linux; elsewhere, of wall time)
// is terminated: the document it was on (index and call, from the
// same memory) is a hang, the worker is replaced and the rest of its batch goes back in the queue.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { document, type CorpusFile, type Format } from './generate';
import { Random } from './random';
import { readerNamed } from './readers';
import { LABEL_CHARS, LABEL_OFFSET, SHARED_BYTES, SLOT, threadCpuMs, type Failure, type Job, type JobResult, type JobSpec, type WorkerInput } from './worker';

export interface PoolOptions {
  /** The script that runs runWorker() when loaded in a worker thread. */
  workerFile: string;
  corpus: CorpusFile[];
  workers: number;
  /** A call that makes no progress for this long is a hang (ms). */
  hangMs: number;
  /** Heap of each worker (MB): an input that exhausts it is reported as a crash, not a crash of the run. */
  heapMb?: number;
}

interface Slot {
  worker: Worker;
  slots: Int32Array;
  label: Uint16Array;
  job?: { job: Job; resolve: (r: JobResult) => void; lastCalls: number; since: number; cpuSince: number | undefined };
}

export class Pool {
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private readonly queue: Array<{ job: Job; resolve: (r: JobResult) => void }> = [];
  private readonly timer: NodeJS.Timeout;
  private nextId = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.workers; i++) this.idle.push(this.spawn());
    this.timer = setInterval(() => this.watch(), Math.min(100, options.hangMs / 4));
  }

  private spawn(): Slot {
    const shared = new SharedArrayBuffer(SHARED_BYTES);
    const worker = new Worker(this.options.workerFile, {
      workerData: { corpus: this.options.corpus, shared } satisfies WorkerInput,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? 768 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, slots: new Int32Array(shared, 0, 8), label: new Uint16Array(shared, LABEL_OFFSET, LABEL_CHARS) };
    worker.on('message', (result: JobResult) => {
      const current = slot.job;
      if (!current || current.job.id !== result.id) return;
      slot.job = undefined;
      current.resolve(result);
      this.release(slot);
    });
    worker.on('error', (error) => this.lost(slot, 'crash', `${error.name}: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.all.has(slot)) this.lost(slot, 'crash', `worker exited with code ${code}`);
    });
    this.all.add(slot);
    return slot;
  }

  /** Runs a job; never rejects (failures, hangs and crashes are in the result). */
  run(job: JobSpec): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ job: { ...job, id: this.nextId++ } as Job, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const slot = this.idle.pop()!;
      const { job, resolve } = this.queue.shift()!;
      slot.job = { job, resolve, lastCalls: Atomics.load(slot.slots, SLOT.calls), since: Date.now(), cpuSince: undefined };
      slot.worker.postMessage(job);
    }
  }

  private release(slot: Slot): void {
    if (!this.all.has(slot)) return;
    this.idle.push(slot);
    this.dispatch();
  }

  private watch(): void {
    const now = Date.now();
    for (const slot of this.all) {
      const current = slot.job;
      if (!current) continue;
      const calls = Atomics.load(slot.slots, SLOT.calls);
      // The worker thread's own CPU time where the system says it: on a loaded machine a thread
      // gets a fraction of a core, and wall time would call slow progress a hang.
      const tid = Atomics.load(slot.slots, SLOT.tid);
      const cpu = tid ? threadCpuMs(tid) : undefined;
      if (Atomics.load(slot.slots, SLOT.ready) === 0 || calls !== current.lastCalls) {
        // Still loading and warming up (not a document's time), or progress.
        current.lastCalls = calls;
        current.since = now;
        current.cpuSince = cpu;
      } else if (cpu !== undefined && current.cpuSince === undefined) {
        // The first look at this job: its CPU time counts from here.
        current.cpuSince = cpu;
      } else if (cpu !== undefined && current.cpuSince !== undefined ? cpu - current.cpuSince > this.options.hangMs : now - current.since > this.options.hangMs) {
        this.lost(slot, 'hang', `no progress for ${this.options.hangMs} ms of its thread's CPU time (${now - current.since} ms of wall time)`);
      } else if (now - current.since > 20 * this.options.hangMs) {
        this.lost(slot, 'hang', `no progress for ${now - current.since} ms of wall time`);
      }
    }
  }

  /** The worker hung or died on the document it was on: report that document, replace the worker, requeue the rest of the batch. */
  private lost(slot: Slot, kind: 'hang' | 'crash', message: string): void {
    if (!this.all.delete(slot)) return;
    const current = slot.job;
    slot.job = undefined;
    const index = Atomics.load(slot.slots, SLOT.index);
    const call = String.fromCharCode(...slot.label.subarray(0, Atomics.load(slot.slots, SLOT.labelLength)));
    void slot.worker.terminate();
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    this.idle.push(this.spawn());
    if (current) {
      const { job, resolve } = current;
      const failure: Failure = { reader: job.reader, seed: job.seed, index, kind, call, message, chars: 0 };
      if (job.type === 'batch' && index >= job.start && index < job.end) {
        // The documents before it were done; their failures died with the worker, which is
        // accepted (a later run with the same seed finds them again once this one is fixed).
        const rest = index + 1 < job.end ? this.run({ ...job, start: index + 1 }) : Promise.resolve<JobResult>({ id: job.id, documents: 0, chars: 0, failures: [] });
        void rest.then((r) => resolve({ id: job.id, documents: index - job.start + 1 + r.documents, chars: r.chars, failures: [failure, ...r.failures] }));
      } else if (job.type === 'text' && job.prefixes && index + 1 <= job.text.length) {
        // Every prefix: go on after the one that hung (the rest of the text stays, the index is the prefix's length).
        void this.run({ ...job, from: index + 1 }).then((r) => resolve({ id: job.id, documents: index + 1 - (job.from ?? 0) + r.documents, chars: r.chars, failures: [failure, ...r.failures] }));
      } else {
        resolve({ id: job.id, documents: 1, chars: job.type === 'text' ? job.text.length : 0, failures: [failure] });
      }
    }
    this.dispatch();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const slots = [...this.all];
    this.all.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

const EXTENSIONS: Record<Format, string> = { policy: 'json', 'cfn-yaml': 'yaml', 'cfn-json': 'template.json', terraform: 'tf' };

/** The document a failure is about, made again from its seed (the generator is deterministic). */
export function failingDocument(failure: Failure, corpus: CorpusFile[]): { format: Format; text: string; origin: string } {
  const r = Random.for(failure.seed, failure.reader, failure.index);
  return document(r.pick(readerNamed(failure.reader).formats), corpus, r);
}

/**
 * Writes a failure's input under `dir` so that it can be replayed: the document itself
 * (`<reader>-seed<S>-doc<I>.<ext>`) and beside it a .json with what failed and how to replay it.
 * Returns the path of the document.
 */
export function writeFailure(failure: Failure, corpus: CorpusFile[], dir: string, text?: string, format?: Format): string {
  mkdirSync(dir, { recursive: true });
  const doc = text !== undefined && format !== undefined ? { text, format, origin: failure.origin ?? 'given' } : failingDocument(failure, corpus);
  const base = join(dir, `${failure.reader}-seed${failure.seed}-doc${failure.index}`);
  const path = `${base}.${EXTENSIONS[doc.format]}`;
  writeFileSync(path, doc.text);
  writeFileSync(
    `${base}.failure.json`,
    JSON.stringify({ ...failure, format: doc.format, origin: doc.origin, chars: doc.text.length, input: path, replay: `npm run fuzz -- --replay ${base}.failure.json` }, null, 2) + '\n',
  );
  return path;
}

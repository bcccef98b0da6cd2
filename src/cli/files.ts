import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { looksLikeTrustPolicy } from '../policy/model/detect';
import { embeddingKind, type EmbeddingKind } from '../policy/embedded';
import { MAX_DOCUMENT_CHARS } from '../policy/base/limits';

/** What the CLI reads: injectable, so tests need no real files. */
export interface FileSystem {
  /** The file's text; throws when it cannot be read (an {@link InputRefused} for a file the CLI will not read). */
  readFile(path: string): string;
  /**
   * 'file' (a regular file, symbolic links followed), 'dir', 'other' (a FIFO, socket or device:
   * never read, it can block or never end), or undefined when the path does not exist. May throw
   * for a path that exists but cannot be examined (a symbolic link loop, no permission).
   */
  kind(path: string): 'file' | 'dir' | 'other' | undefined;
  list(dir: string): string[];
  /** The path with symbolic links resolved. */
  realPath(path: string): string;
  /** What an 'other' path is, for messages: "a FIFO", "a socket", "a device". */
  describe?(path: string): string;
}

/** A file the CLI will not read (not a regular file, or too large), with the reason. */
export class InputRefused extends Error {}

/** Files larger than this are refused unread: a byte is at least one UTF-16 unit, so nothing shorter exceeds the engine's limit. */
const MAX_FILE_BYTES = MAX_DOCUMENT_CHARS;
const LIMIT = `${MAX_FILE_BYTES / (1024 * 1024)} MiB`;
const tooLarge = () => new InputRefused(`larger than the ${LIMIT} limit for one document; not checked`);

function describeStats(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** Sleeps without a busy loop: standard input can be a non-blocking pipe that is not ready yet. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Reads at most MAX_FILE_BYTES + 1 bytes from fd: a file that grows while read is refused, not followed. */
function readCapped(fd: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let size = 64 * 1024; ; size = Math.min(size * 2, 4 * 1024 * 1024)) {
    const chunk = Buffer.allocUnsafe(Math.min(size, MAX_FILE_BYTES + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause(10);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'EOF') break; // Windows, at the end of a pipe
      throw error;
    }
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > MAX_FILE_BYTES) throw tooLarge();
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * A regular file's text, read at most to the size limit. The file is opened non-blocking (a
 * FIFO put in its place after the check then opens at once instead of waiting for a writer)
 * and checked again once open.
 */
function readRegularFile(path: string): string {
  const before = statSync(path);
  if (!before.isFile()) throw new InputRefused(`${describeStats(before)}, not a regular file; not read`);
  if (before.size > MAX_FILE_BYTES) throw tooLarge();
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputRefused(`${describeStats(stat)}, not a regular file; not read`);
    if (stat.size > MAX_FILE_BYTES) throw tooLarge();
    return readCapped(fd);
  } finally {
    closeSync(fd);
  }
}

export const nodeFileSystem: FileSystem = {
  // Standard input is whatever the caller connected (a pipe, a file, a terminal): only its size is bounded.
  readFile: (path) => (path === '-' ? readCapped(0) : readRegularFile(path)),
  kind: (path) => {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  },
  list: (dir) => readdirSync(dir),
  realPath: (path) => realpathSync(path),
  describe: (path) => {
    try {
      return describeStats(statSync(path));
    } catch {
      return 'not a regular file';
    }
  },
};

export interface Input {
  /** The path as the user gave it (or found below a directory they gave). */
  file: string;
  text: string;
  /** A trust policy file, or a template / .tf file with policies inside. */
  kind: 'policy' | EmbeddingKind;
}

/**
 * Something about an input that was not checked. Errors (a path named on the command line that
 * could not be checked) make the exit status 2; warnings (a file found by searching that could
 * not be read) do not.
 */
export interface Notice {
  /** The path as given or found. */
  path: string;
  reason: string;
  level: 'error' | 'warning';
  /** Whether the path is a file (reported among the files in JSON and SARIF), not a directory. */
  file: boolean;
}

/** What a directory search reads beyond the defaults (the configuration's include and exclude). */
export interface SearchFilter {
  /** Whether the search reads this file, or enters this folder; everything when absent. */
  includes?(path: string, isFolder: boolean): boolean;
}

export interface Collected {
  inputs: Input[];
  notices: Notice[];
}

/** Directories never worth searching: dependencies, VCS data, and other dot-folders. */
const SKIPPED_DIRS = new Set(['node_modules']);
/** The files a directory search reads. */
const CANDIDATE = /\.(json|ya?ml|template|tf)$/i;

const EXPLAINED: Record<string, string> = { ELOOP: 'ELOOP: symbolic links in a loop', EACCES: 'EACCES: permission denied' };

const errorCode = (error: unknown) => {
  if (error instanceof InputRefused) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  return `cannot read it (${code ? (EXPLAINED[code] ?? code) : String(error)})`;
};

/**
 * Reads the inputs: files as given (always linted), `-` as standard input, and below each
 * directory every *.json file that looks like a trust policy, every CloudFormation/SAM template
 * (*.json, *.yaml, *.yml, *.template) and every *.tf file that has an `assume_role_policy` or an
 * `aws_iam_policy_document`. Only regular files are read, up to MAX_DOCUMENT_CHARS. Problems are
 * collected, not thrown, so that one bad path does not stop the others.
 */
export function collectInputs(paths: string[], fs: FileSystem, search: SearchFilter = {}): Collected {
  const inputs: Input[] = [];
  const notices: Notice[] = [];
  const error = (path: string, reason: string, file = true) => notices.push({ path, reason, level: 'error', file });
  for (const path of paths) {
    if (path === '-') {
      readNamed('-', '<stdin>', fs, inputs, error);
      continue;
    }
    let kind: ReturnType<FileSystem['kind']>;
    try {
      kind = fs.kind(path);
    } catch (e) {
      error(path, errorCode(e));
      continue;
    }
    if (kind === undefined) {
      error(path, 'no such file or directory');
    } else if (kind === 'other') {
      error(path, `${fs.describe?.(path) ?? 'not a regular file'}, not a regular file; not read`);
    } else if (kind === 'file') {
      readNamed(path, path, fs, inputs, error);
    } else {
      const before = inputs.length;
      walk(path, fs, inputs, notices, search);
      if (inputs.length === before) {
        error(path, 'no trust policies found in this directory (*.json files with sts:AssumeRole* actions or a Principal without Resource, CloudFormation templates, *.tf files with assume_role_policy)', false);
      }
    }
  }
  return { inputs, notices };
}

/** The text, or the reason it is not read; an injected file system is held to the same limit. */
function read(path: string, fs: FileSystem): { text: string } | { reason: string } {
  try {
    const text = fs.readFile(path);
    return text.length > MAX_DOCUMENT_CHARS ? { reason: tooLarge().message } : { text };
  } catch (e) {
    return { reason: errorCode(e) };
  }
}

/** Detection that never throws: one file the detector cannot handle (nested 100,000 deep …) must not end the run. */
function classify(name: string, text: string, searching: boolean): { kind: Input['kind'] | undefined } | { reason: string } {
  try {
    const embedded = embeddingKind(name, text);
    if (embedded === 'terraform' && searching) return { kind: /assume_role_policy|aws_iam_policy_document/.test(text) ? embedded : undefined };
    if (embedded) return { kind: embedded };
    if (!searching) return { kind: 'policy' };
    return { kind: name.toLowerCase().endsWith('.json') && looksLikeTrustPolicy(text) ? 'policy' : undefined };
  } catch (e) {
    return { reason: `could not tell whether it holds a trust policy (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}); not checked` };
  }
}

function readNamed(path: string, name: string, fs: FileSystem, inputs: Input[], error: (path: string, reason: string) => void): void {
  const got = read(path, fs);
  if ('reason' in got) return void error(name, got.reason);
  const { text } = got;
  const what = classify(path === '-' ? 'stdin.yaml' : path, text, false);
  if ('reason' in what) return void error(name, what.reason);
  if (what.kind !== 'policy') {
    inputs.push({ file: name, text, kind: what.kind! });
    return;
  }
  // A policy with syntax errors is linted and reported; text that is not JSON at all is not a policy.
  const start = /^\uFEFF?\s*(.)/.exec(text)?.[1];
  if (start !== '{' && start !== '[' && start !== '/') {
    return void error(name, 'not JSON (a trust policy is a JSON object), nor a CloudFormation template or a .tf file');
  }
  inputs.push({ file: name, text, kind: 'policy' });
}

/**
 * Searches below `root`, depth first in name order, without recursion (a deep tree cannot
 * exhaust the stack). Each directory is entered once, by its real path, so symbolic links that
 * make a directory its own descendant do not loop.
 */
function walk(root: string, fs: FileSystem, inputs: Input[], notices: Notice[], search: SearchFilter): void {
  const warn = (path: string, reason: string) => notices.push({ path, reason, level: 'warning', file: true });
  const seen = new Set<string>();
  const stack: Array<{ dir: string; entries: Iterator<string> }> = [];
  const enter = (dir: string) => {
    try {
      const real = fs.realPath(dir);
      if (seen.has(real)) return;
      seen.add(real);
      stack.push({ dir, entries: fs.list(dir).sort()[Symbol.iterator]() });
    } catch (e) {
      notices.push({ path: dir, reason: `cannot list it (${(e as NodeJS.ErrnoException)?.code ?? String(e)})`, level: dir === root ? 'error' : 'warning', file: false });
    }
  };
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.entries.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const entry = next.value;
    const path = join(top.dir, entry);
    let kind: ReturnType<FileSystem['kind']>;
    try {
      kind = fs.kind(path);
    } catch (e) {
      // A link that loops or cannot be followed: worth a word only where a policy could be.
      if (CANDIDATE.test(entry)) warn(path, errorCode(e));
      continue;
    }
    if (kind === 'dir') {
      if (!entry.startsWith('.') && !SKIPPED_DIRS.has(entry) && (search.includes?.(path, true) ?? true)) enter(path);
      continue;
    }
    if (!CANDIDATE.test(entry) || kind === undefined) continue;
    if (!(search.includes?.(path, false) ?? true)) continue;
    if (kind === 'other') {
      warn(path, `${fs.describe?.(path) ?? 'not a regular file'}, not a regular file; not read`);
      continue;
    }
    const got = read(path, fs);
    if ('reason' in got) {
      warn(path, got.reason);
      continue;
    }
    const what = classify(entry, got.text, true);
    if ('reason' in what) warn(path, what.reason);
    else if (what.kind) inputs.push({ file: path, text: got.text, kind: what.kind });
  }
}

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeTrustPolicy } from '../policy/detect';
import { embeddingKind, type EmbeddingKind } from '../policy/embedded';

/** What the CLI reads: injectable, so tests need no real files. */
export interface FileSystem {
  readFile(path: string): string;
  /** 'file', 'dir', or undefined when the path does not exist. */
  kind(path: string): 'file' | 'dir' | undefined;
  list(dir: string): string[];
  /** The path with symbolic links resolved. */
  realPath(path: string): string;
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  kind: (path) => {
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  list: (dir) => readdirSync(dir),
  realPath: (path) => realpathSync(path),
};

export interface Input {
  /** The path as the user gave it (or found below a directory they gave). */
  file: string;
  text: string;
  /** A trust policy file, or a template / .tf file with policies inside. */
  kind: 'policy' | EmbeddingKind;
}

export interface Collected {
  inputs: Input[];
  errors: string[];
}

/** Directories never worth searching: dependencies, VCS data, and other dot-folders. */
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Reads the inputs: files as given (always linted), `-` as standard input, and below each
 * directory every *.json file that looks like a trust policy, every CloudFormation/SAM template
 * (*.json, *.yaml, *.yml, *.template) and every *.tf file that has an `assume_role_policy` or an
 * `aws_iam_policy_document`. Errors are collected, not thrown, so that one bad path does not
 * stop the others.
 */
export function collectInputs(paths: string[], fs: FileSystem): Collected {
  const inputs: Input[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      readInto('-', '<stdin>', fs, inputs, errors);
      continue;
    }
    const kind = fs.kind(path);
    if (kind === undefined) {
      errors.push(`${path}: no such file or directory`);
    } else if (kind === 'file') {
      readInto(path, path, fs, inputs, errors);
    } else {
      const before = inputs.length;
      walk(path, fs, inputs, errors, new Set([fs.realPath(path)]));
      if (inputs.length === before) {
        errors.push(`${path}: no trust policies found in this directory (*.json files with sts:AssumeRole* actions or a Principal without Resource, CloudFormation templates, *.tf files with assume_role_policy)`);
      }
    }
  }
  return { inputs, errors };
}

function readInto(path: string, name: string, fs: FileSystem, inputs: Input[], errors: string[]): void {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (error) {
    errors.push(`${name}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  const embedded = embeddingKind(path === '-' ? 'stdin.yaml' : path, text);
  if (embedded) {
    inputs.push({ file: name, text, kind: embedded });
    return;
  }
  // A policy with syntax errors is linted and reported; text that is not JSON at all is not a policy.
  const start = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (start !== '{' && start !== '[' && start !== '/') {
    errors.push(`${name}: not JSON (a trust policy is a JSON object), nor a CloudFormation template or a .tf file`);
    return;
  }
  inputs.push({ file: name, text, kind: 'policy' });
}

function walk(dir: string, fs: FileSystem, inputs: Input[], errors: string[], seen: Set<string>): void {
  let entries: string[];
  try {
    entries = fs.list(dir).sort();
  } catch (error) {
    errors.push(`${dir}: cannot list it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    const kind = fs.kind(path);
    if (kind === 'dir') {
      if (entry.startsWith('.') || SKIPPED_DIRS.has(entry)) continue;
      // Symbolic links can make a directory its own descendant.
      const real = fs.realPath(path);
      if (seen.has(real)) continue;
      seen.add(real);
      walk(path, fs, inputs, errors, seen);
    } else if (kind === 'file' && /\.(json|ya?ml|template|tf)$/i.test(entry)) {
      let text: string;
      try {
        text = fs.readFile(path);
      } catch {
        continue; // unreadable files found by searching are skipped; named ones are errors
      }
      const embedded = embeddingKind(entry, text);
      if (embedded === 'terraform') {
        if (/assume_role_policy|aws_iam_policy_document/.test(text)) inputs.push({ file: path, text, kind: embedded });
      } else if (embedded) {
        inputs.push({ file: path, text, kind: embedded });
      } else if (entry.endsWith('.json') && looksLikeTrustPolicy(text)) {
        inputs.push({ file: path, text, kind: 'policy' });
      }
    }
  }
}

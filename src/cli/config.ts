import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, parseProjectConfig, searchIncludes, type ProjectConfig } from '../policy/lint/config';
import type { FileSystem, Notice } from './files';

export interface FoundConfig {
  /** The file as found (relative when the search started from a relative path). */
  path: string;
  config: ProjectConfig;
}

/**
 * Finds the `.iamtrust.json` that applies to a file: the nearest one in its folder or a folder
 * above it, up to the file system's root (the nearest one only: files do not cascade). Each
 * folder is looked at once per run. A file given with --config applies to everything instead.
 * Problems in a file are reported once, as error notices (exit status 2).
 */
export class ConfigFinder {
  private readonly byDir = new Map<string, FoundConfig | undefined>();
  private readonly loaded = new Map<string, FoundConfig | undefined>();
  readonly notices: Notice[] = [];

  constructor(
    private readonly fs: FileSystem,
    private readonly cwd: string,
    /** --config: this file for every input. */
    private readonly explicit?: string,
  ) {
    if (explicit !== undefined) this.load(explicit, true);
  }

  /** The configuration for a linted file ('-' for standard input: the working folder's). */
  forFile(path: string): FoundConfig | undefined {
    return this.forDir(path === '-' ? '.' : dirname(path));
  }

  forDir(dir: string): FoundConfig | undefined {
    if (this.explicit !== undefined) return this.loaded.get(this.explicit);
    const visited: string[] = [];
    let found: FoundConfig | undefined;
    for (let current: string | undefined = dir; current !== undefined; current = this.parent(current)) {
      if (this.byDir.has(current)) {
        found = this.byDir.get(current);
        break;
      }
      visited.push(current);
      const candidate = join(current, CONFIG_FILE_NAME);
      let kind: ReturnType<FileSystem['kind']>;
      try {
        kind = this.fs.kind(candidate);
      } catch {
        kind = undefined;
      }
      if (kind === 'file') {
        found = this.load(candidate, false);
        break;
      }
    }
    for (const v of visited) this.byDir.set(v, found);
    return found;
  }

  /**
   * Whether a directory search reads (or enters) `path`, as the include and exclude globs of
   * the configuration that applies where it is say.
   */
  searchIncludes(path: string, isFolder: boolean): boolean {
    const found = this.forDir(dirname(path));
    if (!found || (!found.config.include && !found.config.exclude)) return true;
    const base = resolve(this.cwd, dirname(found.path));
    const rel = relative(base, resolve(this.cwd, path)).split(sep).join('/');
    return searchIncludes(found.config, rel, isFolder);
  }

  /**
   * The folder above: relative paths are walked as written while they stay below the working
   * folder (so that messages name them as the user did), then as absolute paths to the root.
   */
  private parent(dir: string): string | undefined {
    const norm = normalize(dir);
    if (!isAbsolute(norm) && norm !== '.' && !norm.startsWith('..')) return dirname(norm);
    const absolute = resolve(this.cwd, norm);
    const up = dirname(absolute);
    return up === absolute ? undefined : up;
  }

  private load(path: string, named: boolean): FoundConfig | undefined {
    if (this.loaded.has(path)) return this.loaded.get(path);
    let found: FoundConfig | undefined;
    try {
      const { config, problems } = parseProjectConfig(this.fs.readFile(path));
      for (const p of problems) this.notices.push({ path, reason: `${p.line}:${p.column} ${p.message}`, level: 'error', file: true });
      found = { path, config };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      this.notices.push({
        path,
        reason: `cannot read the configuration (${code ?? (error instanceof Error ? error.message : String(error))})${named ? '' : '; not used'}`,
        level: 'error',
        file: true,
      });
    }
    this.loaded.set(path, found);
    return found;
  }
}

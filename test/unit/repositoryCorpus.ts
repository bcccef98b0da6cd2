// Every file of examples/ and test/fixtures/ (the third-party corpus too, where it is present),
// for tests that check a cheap first look against the full reading over all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root, from out/test/unit where the tests run. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Each file with its name relative to the root, its path as a URI path (`/examples/…`) and its text. */
export function repositoryCorpus(): Array<{ name: string; path: string; text: string }> {
  return [...files(join(REPOSITORY_ROOT, 'examples')), ...files(join(REPOSITORY_ROOT, 'test', 'fixtures'))].map((file) => ({
    name: relative(REPOSITORY_ROOT, file),
    path: `/${relative(REPOSITORY_ROOT, file).split('\\').join('/')}`,
    text: readFileSync(file, 'utf8'),
  }));
}

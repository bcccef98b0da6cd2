import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddingKind, lintEmbedded } from '../../src/policy/embedded';

/** The tests' configured account. */
export const options = { accountId: '111122223333' };

/** A reader of the fixtures in test/fixtures/`directory` (tests run from out/test/unit; the fixtures are in the repository). */
export function fixtureReader(directory: string): (name: string) => string {
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', directory);
  return (name) => readFileSync(join(fixtures, name), 'utf8');
}

/** `line:column code token` for each finding in a template or .tf file named `name`, the token as it is in the file. */
export function findingsIn(name: string, text: string): string[] {
  const kind = embeddingKind(name, text);
  assert.ok(kind, `${name} is recognised`);
  return lintEmbedded(text, kind, options).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.code} ${text.slice(f.offset, f.offset + f.length).split('\n')[0]}`);
}

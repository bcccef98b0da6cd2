// Issue 15 §2: dist/extension.js, loaded in every window, holds no engine. The IAM data, the
// YAML reader and the rest of the language features are dist/language.js, which it requires
// only when a document may be a trust policy (src/language/lazyLanguage.ts). An import of the
// engine from anything src/extension.ts imports at start-up would bring them back unnoticed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const dist = join(__dirname, '..', '..', '..', 'dist');
const bundle = (name: string) => readFileSync(join(dist, name), 'utf8');

/** Text that only the heavy modules carry: the IAM data's sts descriptions, the yaml package's error class. */
const HEAVY_MARKERS: Array<[string, RegExp]> = [
  ['the IAM data (src/policy/iam/iamData.generated.ts)', /Grants permission to obtain a set of temporary security credentials/],
  ['the YAML reader (the yaml package)', /YAMLParseError/],
];

describe('dist/extension.js stays thin', () => {
  for (const [what, marker] of HEAVY_MARKERS) {
    it(`does not contain ${what}; dist/language.js does`, () => {
      assert.doesNotMatch(bundle('extension.js'), marker, `${what} is in dist/extension.js: something it imports at start-up imports the engine (see src/language/lazyLanguage.ts)`);
      assert.match(bundle('language.js'), marker);
    });
  }

  it('requires dist/language.js instead of bundling it', () => {
    assert.match(bundle('extension.js'), /require\("\.\/language\.js"\)/);
  });
});

// Issue 15 §2: dist/extension.js, loaded in every window, holds no engine. The IAM data and the
// rest of the language features are dist/language.js, which it requires only when a document may
// be a trust policy (src/language/lazyLanguage.ts); the YAML and Terraform readers are
// dist/embedded.js, required only for templates (src/language/lazyEmbedded.ts). An import of the
// engine from anything src/extension.ts imports at start-up would bring them back unnoticed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const dist = join(__dirname, '..', '..', '..', 'dist');
const bundle = (name: string) => readFileSync(join(dist, name), 'utf8');

/** Text that only the heavy modules carry, and the bundle that holds it: the IAM data's sts descriptions, the yaml package's error class. */
const HEAVY_MARKERS: Array<[string, RegExp, string]> = [
  ['the IAM data (src/policy/iam/iamData.generated.ts)', /Grants permission to obtain a set of temporary security credentials/, 'language.js'],
  ['the YAML reader (the yaml package)', /YAMLParseError/, 'embedded.js'],
];

describe('dist/extension.js stays thin', () => {
  for (const [what, marker, home] of HEAVY_MARKERS) {
    it(`does not contain ${what}; dist/${home} does`, () => {
      assert.doesNotMatch(bundle('extension.js'), marker, `${what} is in dist/extension.js: something it imports at start-up imports the engine (see src/language/lazyLanguage.ts)`);
      assert.match(bundle(home), marker);
    });
  }

  it('requires dist/language.js instead of bundling it', () => {
    assert.match(bundle('extension.js'), /require\("\.\/language\.js"\)/);
  });
});

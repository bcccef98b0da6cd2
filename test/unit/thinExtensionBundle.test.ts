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
  // The session's commands are dist/commands.js (src/commands/lazyCommands.ts loads it on first use).
  ['the STS calls (src/session/sts.ts)', /STS answered without credentials/, 'commands.js'],
  ["New Trust Policy's templates (src/policy/authoring/templates.ts)", /Whom should the role trust\?/, 'commands.js'],
  ['the credential endpoint (src/session/credentialEndpoint.ts)', /require\("node:http"\)/, 'commands.js'],
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

  it('requires dist/commands.js instead of bundling it', () => {
    assert.match(bundle('extension.js'), /require\("\.\/commands\.js"\)/);
  });

  it("decides on a session restore with sessionRestore.ts's own setting and flag", () => {
    // lazyCommands.ts loads dist/commands.js at start-up when a session may be restored: it must
    // read the setting and the global-state flag that the restore itself (sessionRestore.ts) reads.
    const src = (...path: string[]) => readFileSync(join(__dirname, '..', '..', '..', 'src', 'commands', ...path), 'utf8');
    const constant = (source: string, name: string) => new RegExp(`const ${name} = '([^']+)'`).exec(source)?.[1];
    const restore = src('session', 'sessionRestore.ts');
    const lazy = src('lazyCommands.ts');
    assert.equal(constant(lazy, 'RESTORE_SETTING'), constant(restore, 'SETTING'));
    assert.equal(constant(lazy, 'RESTORE_STORED_FLAG'), constant(restore, 'STORED_FLAG'));
    assert.ok(constant(restore, 'SETTING') && constant(restore, 'STORED_FLAG'));
  });
});

// Issue 15 §2: the YAML and Terraform readers (src/policy/embedded) are dist/embedded.js, loaded
// by dist/language.js only when a document may be a template or a .tf file
// (src/language/lazyEmbedded.ts). The stand-in's first look must never turn away a document the
// real embeddingKind() names a kind for; and the bundles that load on demand hold one engine:
// dist/embedded.js and dist/rolesView.js take it from dist/language.js (scripts/lazyBundles.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { embeddingKind } from '../../src/policy/embedded';
import { embeddingKind as lazyEmbeddingKind, mayBeEmbedding } from '../../src/language/lazyEmbedded';
import { REPOSITORY_ROOT, repositoryCorpus } from './repositoryCorpus';

const corpus = repositoryCorpus();

/** Ways a template may be written that its markers' patterns still accept. */
const VARIANTS: Array<[string, (text: string) => string]> = [
  ['as written', (t) => t],
  ['CRLF line ends', (t) => t.replace(/\n/g, '\r\n')],
  ['quoted keys', (t) => t.replace(/^(\s*)(AWSTemplateFormatVersion|Resources|Type|Transform):/gm, '$1"$2":')],
  ['flow style on one line', (t) => t.replace(/\n\s*/g, ' ')],
];

describe('the embedded readers stand-in (src/language/lazyEmbedded.ts)', () => {
  it('says maybe for every fixture and example that embeddingKind() names a kind for, however written', () => {
    const kinds = new Set<string>();
    for (const { path, text } of corpus) {
      for (const [variant, rewrite] of VARIANTS) {
        const written = rewrite(text);
        const kind = embeddingKind(path, written);
        if (kind) kinds.add(kind);
        if (kind) assert.ok(mayBeEmbedding(path, written), `${path} (${variant}) is ${kind}, but the stand-in would not load the readers`);
        assert.equal(lazyEmbeddingKind(path, written), kind, `${path} (${variant})`);
      }
    }
    assert.deepEqual([...kinds].sort(), ['cloudformation', 'terraform'], 'the corpus has templates and .tf files');
  });

  it('says no for plain trust policies, and for the names that are never templates', () => {
    const policies = corpus.filter(({ path }) => path.endsWith('.trust-policy.json'));
    assert.ok(policies.length > 5, `${policies.length} policies`);
    for (const { path, text } of policies) assert.equal(mayBeEmbedding(path, text), false, path);
    assert.equal(mayBeEmbedding('/a/README.md', 'AWSTemplateFormatVersion: x'), false);
    assert.equal(mayBeEmbedding('/a/main.tf', ''), true);
  });
});

describe('the bundles loaded on demand share one engine', () => {
  const dist = join(REPOSITORY_ROOT, 'dist');
  const bundle = (name: string) => readFileSync(join(dist, name), 'utf8');
  /** Text that only the IAM data carries (its sts descriptions), and only the yaml package (its error class). */
  const IAM_DATA = /Grants permission to obtain a set of temporary security credentials/;
  const YAML = /YAMLParseError/;

  it('dist/language.js has the engine and no YAML reader; it requires dist/embedded.js', () => {
    assert.match(bundle('language.js'), IAM_DATA);
    assert.doesNotMatch(bundle('language.js'), YAML);
    assert.match(bundle('language.js'), /require\("\.\/embedded\.js"\)/);
  });

  it('dist/embedded.js has the YAML reader and takes the engine from dist/language.js', () => {
    assert.match(bundle('embedded.js'), YAML);
    assert.doesNotMatch(bundle('embedded.js'), IAM_DATA);
    assert.match(bundle('embedded.js'), /require\("\.\/language\.js"\)\.modules\["src\/policy\/lint\/lint\.ts"\]/);
  });

  it('dist/rolesView.js takes the engine from dist/language.js', () => {
    assert.doesNotMatch(bundle('rolesView.js'), IAM_DATA);
    assert.doesNotMatch(bundle('rolesView.js'), YAML);
    assert.match(bundle('rolesView.js'), /require\("\.\/language\.js"\)\.modules\[/);
  });
});

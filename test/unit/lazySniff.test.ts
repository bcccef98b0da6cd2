// The sniff that decides whether dist/language.js is loaded (src/language/lazySniff.ts) must
// never turn away a document the full detection acts on: checked over every example and
// fixture of the repository, over variants of them written the ways JSON, YAML and HCL allow,
// and over documents it must turn away (so that the check could fail the other way too).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { embeddingKind, extractPolicies, lintEmbedded } from '../../src/policy';
import { MAX_DOCUMENT_CHARS } from '../../src/policy/base/limits';
import { CONFIG_FILE_NAME } from '../../src/policy/lint/config';
import { looksLikeTrustPolicy } from '../../src/policy/model/detect';
import { mayNeedLanguageFeatures } from '../../src/language/lazySniff';

const root = join(__dirname, '..', '..', '..');

/** The language VS Code gives a file by its name (json for .json, as for package.json). */
function languageOf(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return basename(path) === 'tsconfig.json' ? 'jsonc' : 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.tf') return 'terraform';
  return 'plaintext';
}

/**
 * What the extension acts on with its default settings (trustDocumentKind, then what the
 * diagnostics do with it): the configuration file, a template or .tf file with a policy or a
 * part it reports, a trust policy. Wider than trustDocumentKind's answer only where that answer
 * leads to nothing at all (an embedded kind with nothing inside).
 */
function fullDetectionActs(path: string, languageId: string, text: string): boolean {
  if (basename(path) === CONFIG_FILE_NAME) return true;
  const kind = embeddingKind(path, text);
  if (kind && (text.length > MAX_DOCUMENT_CHARS || extractPolicies(text, kind).length > 0 || lintEmbedded(text, kind).length > 0)) return true;
  return (languageId === 'json' || languageId === 'jsonc') && looksLikeTrustPolicy(text);
}

const sniff = (path: string, languageId: string, text: string) => mayNeedLanguageFeatures({ scheme: 'file', path, languageId }, () => text);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const corpus = [...files(join(root, 'examples')), ...files(join(root, 'test', 'fixtures'))].map((file) => ({
  name: relative(root, file),
  path: `/${relative(root, file).split('\\').join('/')}`,
  text: readFileSync(file, 'utf8'),
}));

/** The same document written otherwise: each a way the readers decode that a plain substring test would miss. */
const VARIANTS: Array<[string, (text: string) => string]> = [
  ['as written', (t) => t],
  ['keys written with \\u escapes', (t) => t.replace(/"(Statement|Principal|Action)"/g, (_m, k: string) => `"\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}"`)],
  ['sts: written with a \\u escape', (t) => t.replace(/sts:/gi, 'sts\\u003a')],
  ['actions in capitals', (t) => t.replace(/sts:AssumeRole\w*/g, (a) => a.toUpperCase())],
  ['minified', (t) => (canParse(t) ? JSON.stringify(JSON.parse(t)) : t)],
  ['a byte-order mark and CRLF line ends', (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`],
  ['Terraform data labels with escapes', (t) => t.replace(/"aws_iam_policy_document"/g, '"aws_iam_policy_\\u0064ocument"')],
  ['Terraform data labels with an interpolation', (t) => t.replace(/"aws_iam_policy_document"/g, '"aws_iam_policy_${""}document"')],
];

function canParse(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('the lazy-loading sniff (src/language/lazySniff.ts)', () => {
  it('finds the fixtures and examples it is checked against', () => {
    // On a clean clone only the committed fixtures and examples are there (71 at this writing);
    // where the third-party corpus is present (test/fixtures/corpus/), over 300.
    assert.ok(corpus.length > 60, `${corpus.length} files`);
    assert.ok(corpus.some((f) => f.path.endsWith('.tf')) && corpus.some((f) => f.path.endsWith('.yaml')));
  });

  for (const [variant, rewrite] of VARIANTS) {
    it(`never turns away a document the full detection acts on: every fixture and example, ${variant}`, () => {
      const missed: string[] = [];
      let acted = 0;
      for (const { name, path, text } of corpus) {
        const rewritten = rewrite(text);
        // Each file as its own language, and every JSON file as jsonc too (settings.json, tsconfig.json).
        for (const languageId of new Set([languageOf(path), ...(path.endsWith('.json') ? ['jsonc'] : [])])) {
          if (!fullDetectionActs(path, languageId, rewritten)) continue;
          acted++;
          if (!sniff(path, languageId, rewritten)) missed.push(`${name} (${languageId})`);
        }
      }
      assert.deepEqual(missed, []);
      assert.ok(acted > 50, `${acted} documents acted on`);
    });
  }

  it('the rewrites above do reach the readers (a miss would show)', () => {
    const escaped = VARIANTS[1]![1]('{"Statement": [{"Principal": {"Service": "ec2.amazonaws.com"}}]}');
    assert.equal(looksLikeTrustPolicy(escaped), true);
    assert.ok(!escaped.includes('"Statement"'));
    const label = VARIANTS[6]![1]('data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }\n  }\n}\n');
    assert.ok(!label.includes('aws_iam_policy_document'));
    assert.ok(extractPolicies(label, 'terraform').length > 0, 'the reader decodes the label');
    assert.equal(sniff('/main.tf', 'terraform', label), true);
  });

  const turnedAway: Array<[string, string, string]> = [
    ['/project/package.json', 'json', '{\n  "name": "app",\n  "version": "1.0.0",\n  "scripts": { "test": "node --test" }\n}\n'],
    ['/project/tsconfig.json', 'jsonc', '{\n  // strict\n  "compilerOptions": { "strict": true, "target": "ES2022" },\n  "include": ["src"]\n}\n'],
    ['/project/.vscode/settings.json', 'jsonc', '{ "editor.tabSize": 2, "files.exclude": { "**/dist": true } }'],
    ['/project/policy.json', 'json', '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'],
    ['/project/docker-compose.yml', 'yaml', 'services:\n  web:\n    image: nginx\n'],
    ['/project/main.tf', 'terraform', 'resource "aws_s3_bucket" "b" {\n  bucket = "x-${var.env}"\n}\n'],
    ['/project/README.md', 'markdown', '{"Statement": [{"Action": "sts:AssumeRole"}]}'],
  ];
  for (const [path, languageId, text] of turnedAway) {
    it(`turns away ${path} (${languageId}), which the full detection does not act on`, () => {
      assert.equal(fullDetectionActs(path, languageId, text), false);
      assert.equal(sniff(path, languageId, text), false);
    });
  }

  it('takes in what needs no content: iam-role documents and the project configuration', () => {
    assert.equal(mayNeedLanguageFeatures({ scheme: 'iam-role', path: '/111122223333/Admin/trust-policy.json', languageId: 'json' }, () => ''), true);
    assert.equal(sniff(`/project/${CONFIG_FILE_NAME}`, 'json', '{}'), true);
  });

  it('reads no text for a document that is neither JSON, YAML, a template nor Terraform', () => {
    assert.equal(mayNeedLanguageFeatures({ scheme: 'file', path: '/project/index.ts', languageId: 'typescript' }, () => assert.fail('text read')), false);
  });

  it('counts how many of the repository\'s JSON files it turns away (it must turn some away to be of use)', () => {
    const json = corpus.filter((f) => f.path.endsWith('.json'));
    const away = json.filter((f) => !sniff(f.path, 'json', f.text));
    assert.ok(away.length > 0, 'some JSON fixture is no trust policy');
    for (const f of away) assert.equal(fullDetectionActs(f.path, 'json', f.text), false, f.name);
  });
});

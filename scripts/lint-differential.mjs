// For changes that must not change what the linter reports (speed work): lints the same documents
// with two builds of the policy library and fails unless every finding is identical (code,
// severity, message, offset, length, range, related), compared as JSON.
//
//   node scripts/build.mjs && cp dist/policy.js /tmp/before.js     (before the change)
//   node scripts/build.mjs && node scripts/lint-differential.mjs /tmp/before.js [--runs 3000]
//
// The documents: every fixture, corpus file and example (policies with lint(), CloudFormation and
// Terraform with lintEmbedded(), JSON templates both ways), then per run one document of the
// fuzzers (test/fuzz/generate.ts: mutated fixtures and hostile shapes in the four formats), one
// generated policy of 1–6 well-formed statements and, every fourth run, that policy with two of its
// statements repeated. Each is linted without options, with a zone of trust, with an account
// only, and with ignored and re-graded codes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3000' }, after: { type: 'string' } } });
if (positionals.length !== 1) throw new Error('usage: node scripts/lint-differential.mjs BEFORE.js [--after AFTER.js] [--runs N]');
const before = require(positionals[0]);
const after = require(values.after ?? join(root, 'dist', 'policy.js'));
const generatorPath = join(root, 'out', 'bench', 'differential-generate.js');
await esbuild.build({
  absWorkingDir: root,
  stdin: { contents: "export * from './test/fuzz/generate'; export { Random } from './test/fuzz/random';", resolveDir: root, loader: 'ts' },
  outfile: generatorPath,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});
const G = require(generatorPath);

const walk = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])) : []);
const corpus = ['test/fixtures', 'examples']
  .flatMap((d) => walk(join(root, d)))
  .filter((f) => /\.(json|ya?ml|tf|template)$/.test(f))
  .map((f) => ({ name: f.slice(root.length), text: readFileSync(f, 'utf8') }))
  .map((c) => ({ ...c, format: G.formatOf(c.name, c.text) }))
  .filter((c) => c.format);

const OPTIONS = [{}, { accountId: '111122223333', trustedAccounts: ['444455556666', '123456789012'], organizationId: 'o-abcdefghij' }, { accountId: '111122223333' }, { ignore: ['version-legacy'], severity: { 'json-syntax': 'warning', 'redundant-statement': 'off' } }];
let documents = 0;
let differ = 0;
function compare(text, path, label) {
  documents++;
  const kind = path ? before.embeddingKind(path, text) : undefined;
  for (const options of OPTIONS) {
    const a = JSON.stringify(kind ? before.lintEmbedded(text, kind, options) : before.lint(text, options));
    const b = JSON.stringify(kind ? after.lintEmbedded(text, kind, options) : after.lint(text, options));
    if (a !== b && ++differ <= 5) console.log(`DIFFERS: ${label} ${JSON.stringify(options)}\n  text   ${JSON.stringify(text.slice(0, 300))}\n  before ${a.slice(0, 600)}\n  after  ${b.slice(0, 600)}`);
  }
}

for (const c of corpus) {
  compare(c.text, c.format === 'policy' ? undefined : c.name, c.name);
  if (c.format !== 'policy' && c.name.endsWith('.json')) compare(c.text, undefined, c.name);
}
const fromFiles = documents;
const PATHS = { policy: undefined, 'cfn-yaml': 'x.yaml', 'cfn-json': 'x.template.json', terraform: 'x.tf' };
for (let i = 0; i < Number(values.runs); i++) {
  const r = new G.Random(i + 1);
  const format = ['policy', 'policy', 'policy', 'cfn-yaml', 'cfn-json', 'terraform'][i % 6];
  const doc = G.document(format, corpus, r);
  compare(doc.text, PATHS[format], doc.origin);
  const statements = Array.from({ length: 1 + r.int(6) }, () => G.policyObject(r, 0).Statement).flat();
  compare(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, [0, 2, 4][i % 3]), undefined, `generated policy ${i}`);
  if (i % 4 === 0) compare(JSON.stringify({ Version: '2012-10-17', Statement: [...statements, ...statements.slice(0, 2).map((s) => ({ ...s, Sid: 'Again' }))] }, null, 2), undefined, `repeated statements ${i}`);
}
console.log(`${documents} documents (${fromFiles} from fixtures, corpus and examples), ${documents * OPTIONS.length} lints per build: ${differ === 0 ? 'all findings identical' : `${differ} differ`}`);
process.exit(differ === 0 ? 0 : 1);

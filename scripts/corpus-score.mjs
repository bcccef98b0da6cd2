#!/usr/bin/env node
// Precision and recall of the built linter (dist/policy.js) over the real-world corpus in
// test/fixtures/corpus/, against the ground truth in test/fixtures/corpus/truth.json.
//
//   node scripts/build.mjs && node scripts/corpus-score.mjs [--account 111122223333] [--json] [--verbose]
//
// Scored over (file, rule) pairs of findings at severity error, security or warning; the rule and
// the truth format: scripts/lib/corpusScore.cjs. test/unit/corpusScore.test.ts holds the bound.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles, scoreCorpus } from './lib/corpusScore.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, 'test', 'fixtures', 'corpus');

function parseArgs(argv) {
  const options = { account: undefined, json: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--account') options.account = argv[++i];
    else if (arg.startsWith('--account=')) options.account = arg.slice('--account='.length);
    else {
      console.error(`corpus-score: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) {
    console.error('corpus-score: --account needs 12 digits');
    process.exit(2);
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const require = createRequire(import.meta.url);
  const lib = require(join(root, 'dist', 'policy.js'));
  const truth = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
  const files = corpusFiles(corpus);
  const lintOptions = options.account ? { accountId: options.account } : {};
  const missingTruth = files.filter((f) => !(f in truth.files));
  const staleTruth = Object.keys(truth.files).filter((f) => !files.includes(f));
  const texts = files.map((file) => [file, readFileSync(join(corpus, file), 'utf8')]);
  const { truePositives: tp, falsePositives: fps, misses: fns, unsure, precision, recall } = scoreCorpus(lib, texts, truth.files, lintOptions);
  const group = (list) => {
    const out = {};
    for (const item of list) (out[item.rule] ??= []).push(item);
    return Object.fromEntries(Object.entries(out).sort((a, b) => b[1].length - a[1].length));
  };
  const sources = new Set(files.map((f) => f.split('/')[0]));
  const result = {
    account: options.account ?? null,
    files: files.length,
    sources: sources.size,
    truePositives: tp,
    falsePositives: fps.length,
    falseNegatives: fns.length,
    precision: Number(precision.toFixed(4)),
    recall: Number(recall.toFixed(4)),
    falsePositivesByRule: group(fps),
    falseNegativesByRule: group(fns),
    unsure,
    filesWithoutTruth: missingTruth,
    truthWithoutFile: staleTruth,
  };
  if (options.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const out = [];
  out.push(`Corpus: ${files.length} files from ${sources.size} sources${options.account ? `, account ${options.account}` : ''}`);
  out.push(`(file, rule) pairs at error/security/warning: ${tp} right, ${fps.length} false positives, ${fns.length} misses`);
  out.push(`precision ${precision.toFixed(3)}   recall ${recall.toFixed(3)}`);
  out.push('');
  out.push('False positives by rule:');
  for (const [rule, items] of Object.entries(result.falsePositivesByRule)) {
    out.push(`  ${rule} (${items.length})`);
    for (const i of items) out.push(`    ${i.file}:${i.line} [${i.severity}${i.count > 1 ? ` x${i.count}` : ''}]${options.verbose ? ` ${i.message}` : ''}`);
  }
  out.push('');
  out.push('Misses by rule:');
  for (const [rule, items] of Object.entries(result.falseNegativesByRule)) {
    out.push(`  ${rule} (${items.length})`);
    for (const i of items) out.push(`    ${i.file}${options.verbose ? ` — ${i.reason}` : ''}`);
  }
  if (unsure.length > 0) {
    out.push('');
    out.push(`Not scored (truth unsure): ${unsure.length}`);
    for (const u of unsure) out.push(`  ${u.file} ${u.rule}: ${u.reported ? 'reported' : 'not reported'}`);
  }
  if (missingTruth.length > 0) out.push('', `Files without a truth entry (scored as expecting nothing): ${missingTruth.join(', ')}`);
  if (staleTruth.length > 0) out.push('', `Truth entries without a file: ${staleTruth.join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
}

main();

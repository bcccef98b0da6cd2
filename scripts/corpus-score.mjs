#!/usr/bin/env node
// Precision and recall of the built linter (dist/policy.js) over the real-world corpus in
// test/fixtures/corpus/, against the ground truth in test/fixtures/corpus/truth.json.
//
//   node scripts/build.mjs && node scripts/corpus-score.mjs [--account 111122223333] [--json] [--verbose]
//
// Scored over (file, rule) pairs of findings at severity error, security or warning
// (suggestions are not scored; see issue 13). A truth entry is
//   { "expect": [{ "rule": "code" | "code|other-code", "reason": "…" }],
//     "unsure": [{ "rule": "code", "note": "…" }], "note": "…" }
// "code|other-code" means either code is a right answer (counted once). Rules listed under
// "unsure" are neither counted as false positives nor as misses; they are listed apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, 'test', 'fixtures', 'corpus');
const SCORED = new Set(['error', 'security', 'warning']);

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

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (/\.(json|ya?ml|template|tf)$/i.test(name) && name !== 'truth.json') files.push(path);
  }
  return files;
}

/** The scored findings of one file: code -> severities seen, plus the first message. */
function findingsOf(lib, path, text, lintOptions) {
  const kind = lib.embeddingKind(path, text);
  const findings = kind ? lib.lintEmbedded(text, kind, lintOptions) : lib.lint(text, lintOptions);
  const byCode = new Map();
  for (const f of findings) {
    if (!SCORED.has(f.severity)) continue;
    const seen = byCode.get(f.code) ?? { severities: new Set(), count: 0, message: f.message, line: f.range.start.line };
    seen.severities.add(f.severity);
    seen.count++;
    byCode.set(f.code, seen);
  }
  return { kind: kind ?? 'policy', byCode };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const require = createRequire(import.meta.url);
  const lib = require(join(root, 'dist', 'policy.js'));
  const truth = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
  const files = walk(corpus).map((p) => relative(corpus, p).split(sep).join('/'));
  const lintOptions = options.account ? { accountId: options.account } : {};

  const missingTruth = files.filter((f) => !(f in truth.files));
  const staleTruth = Object.keys(truth.files).filter((f) => !files.includes(f));
  let tp = 0;
  const fps = []; // { file, rule, severity, message }
  const fns = []; // { file, rule, reason }
  const unsure = []; // { file, rule, reported, note }
  for (const file of files) {
    const entry = truth.files[file] ?? { expect: [] };
    const text = readFileSync(join(corpus, file), 'utf8');
    const { byCode } = findingsOf(lib, file, text, lintOptions);
    const unsureCodes = new Map((entry.unsure ?? []).map((u) => [u.rule, u.note]));
    const matched = new Set();
    for (const item of entry.expect ?? []) {
      const alternatives = item.rule.split('|');
      const hit = alternatives.find((code) => byCode.has(code));
      if (hit) {
        tp++;
        for (const code of alternatives) matched.add(code);
      } else fns.push({ file, rule: item.rule, reason: item.reason });
    }
    for (const [code, seen] of byCode) {
      if (matched.has(code)) continue;
      if (unsureCodes.has(code)) continue;
      fps.push({ file, rule: code, severity: [...seen.severities].join('/'), count: seen.count, line: seen.line, message: seen.message });
    }
    for (const [code, note] of unsureCodes) unsure.push({ file, rule: code, reported: byCode.has(code), note });
  }
  const precision = tp + fps.length === 0 ? 1 : tp / (tp + fps.length);
  const recall = tp + fns.length === 0 ? 1 : tp / (tp + fns.length);
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

// Precision and recall of the linter over a corpus with ground truth (issue 13), scored over
// (file, rule) pairs of findings at error, security or warning: suggestions are not scored.
// Shared by scripts/corpus-score.mjs (the report) and test/unit/corpusScore.test.ts (the bound).
//
// A truth entry is
//   { "expect": [{ "rule": "code" | "code|other-code", "reason": "…" }],
//     "unsure": [{ "rule": "code", "note": "…" }], "note": "…" }
// "code|other-code" means either code is a right answer (counted once). Rules listed under
// "unsure" ("a|b" too: each) are neither counted as false positives nor as misses; they are
// listed apart.
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const SCORED = new Set(['error', 'security', 'warning']);

/** The files of a corpus folder that the linter reads, as paths relative to it with '/'. */
function corpusFiles(dir, skip = () => false) {
  const files = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(json|ya?ml|template|tf)$/i.test(name) && name !== 'truth.json') files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.filter((file) => !skip(file));
}

/** The scored findings of one file: code -> severities seen, count, the first message and line. */
function scoredFindings(lib, path, text, lintOptions = {}) {
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
  return byCode;
}

/**
 * Scores `files` (name -> text, read by the caller) against `truth` (name -> entry; a file
 * without an entry expects nothing) with `lib` (the policy library: lint, lintEmbedded, embeddingKind).
 */
function scoreCorpus(lib, files, truth, lintOptions = {}) {
  let truePositives = 0;
  const falsePositives = []; // { file, rule, severity, count, line, message }
  const misses = []; // { file, rule, reason }
  const unsure = []; // { file, rule, reported, note }
  for (const [file, text] of files) {
    const entry = truth[file] ?? { expect: [] };
    const byCode = scoredFindings(lib, file, text, lintOptions);
    // "a|b" in unsure: either code is unsure (as in expect).
    const unsureCodes = new Map((entry.unsure ?? []).flatMap((u) => u.rule.split('|').map((code) => [code, u.note])));
    const matched = new Set();
    for (const item of entry.expect ?? []) {
      const alternatives = item.rule.split('|');
      if (alternatives.some((code) => byCode.has(code))) {
        truePositives++;
        for (const code of alternatives) matched.add(code);
      } else misses.push({ file, rule: item.rule, reason: item.reason });
    }
    for (const [code, seen] of byCode) {
      if (matched.has(code) || unsureCodes.has(code)) continue;
      falsePositives.push({ file, rule: code, severity: [...seen.severities].join('/'), count: seen.count, line: seen.line, message: seen.message });
    }
    for (const [code, note] of unsureCodes) unsure.push({ file, rule: code, reported: byCode.has(code), note });
  }
  const precision = truePositives + falsePositives.length === 0 ? 1 : truePositives / (truePositives + falsePositives.length);
  const recall = truePositives + misses.length === 0 ? 1 : truePositives / (truePositives + misses.length);
  return { truePositives, falsePositives, misses, unsure, precision, recall };
}

module.exports = { SCORED, corpusFiles, scoredFindings, scoreCorpus };

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { embeddingKind, lint, lintEmbedded, RULES } from '../../src/policy';
import { readRuleExampleSources, RULE_EXAMPLES_DIR } from './realWorldSources';

// Real-world examples per rule (test/fixtures/real-world/rules/<code>/…): each must get its rule.
// The source of each file and the other codes it expects ("also") or must not get ("not") are in
// test/fixtures/real-world/rules/SOURCES.md.
const dir = RULE_EXAMPLES_DIR;

function findingCodes(file: string, text: string): string[] {
  const kind = embeddingKind(file, text);
  const findings = kind ? lintEmbedded(text, kind) : lint(text);
  return findings.map((finding) => finding.code);
}

const folders = existsSync(dir) ? readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort() : [];
const sources = readRuleExampleSources();
const known = new Set(RULES.map((rule) => rule.meta.code));

describe('real-world examples per rule', () => {
  it('every example has its source written down, and every row names a file that exists', () => {
    for (const code of folders) {
      for (const name of readdirSync(join(dir, code))) {
        const row = sources.get(`${code}/${name}`);
        assert.ok(row && /\S/.test(row.source), `${code}/${name}: no row with its source in SOURCES.md`);
      }
    }
    for (const file of sources.keys()) assert.ok(existsSync(join(dir, file)), `SOURCES.md names ${file}, which does not exist`);
  });

  for (const code of folders) {
    for (const name of readdirSync(join(dir, code)).sort()) {
      it(`${code}/${name} gets ${code}`, () => {
        assert.ok(known.has(code), `folder ${code} is not a rule code`);
        const codes = findingCodes(name, readFileSync(join(dir, code, name), 'utf8'));
        const row = sources.get(`${code}/${name}`);
        for (const expected of [code, ...(row?.also ?? [])]) assert.ok(codes.includes(expected), `${expected} not reported; got ${codes.join(', ') || 'nothing'}`);
        for (const unexpected of row?.not ?? []) assert.ok(!codes.includes(unexpected), `${unexpected} reported`);
      });
    }
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { embeddingKind, lint, lintEmbedded, RULES } from '../../src/policy';

const examples = join(__dirname, '..', '..', '..', 'examples');
const expected: Record<string, string[]> = JSON.parse(readFileSync(join(examples, 'expected-findings.json'), 'utf8'));
const implemented = new Set(RULES.map((r) => r.meta.code));

describe('examples/ (what `npm start` opens)', () => {
  for (const [file, codes] of Object.entries(expected)) {
    if (file.startsWith('$')) continue;
    it(`${file} yields exactly the findings of the rules implemented so far`, () => {
      // The examples are written for account 111122223333 (as npm start's iamTrust.accountId).
      const text = readFileSync(join(examples, file), 'utf8');
      const kind = embeddingKind(file, text);
      const findings = kind ? lintEmbedded(text, kind, { accountId: '111122223333' }) : lint(text, { accountId: '111122223333' });
      const found = [...new Set(findings.map((f) => f.code))].sort();
      assert.deepEqual(found, codes.filter((c) => implemented.has(c)).sort());
    });
  }
});

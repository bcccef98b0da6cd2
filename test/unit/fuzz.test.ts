import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { anyInput, checkLint } from '../fuzz/properties';

// A short run on every `npm test`; `npm run fuzz` runs the long one (≥ 100,000 documents).
const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real-world');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('fuzzing lint()', () => {
  it('holds its properties on generated, mutated and random documents', () => {
    fc.assert(fc.property(anyInput(seeds), fc.boolean(), (text, withAccount) => checkLint(text, withAccount ? '111122223333' : undefined)), {
      numRuns: 400,
      seed: 20261128,
    });
  });

  it('holds them on every truncation of a real policy', () => {
    const text = seeds[0]!;
    for (let i = 0; i <= text.length; i++) checkLint(text.slice(0, i));
  });
});

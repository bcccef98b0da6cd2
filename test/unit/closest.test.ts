import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closestMatch } from '../../src/policy/base/closest';

/** The reference: the full Levenshtein table, no band, no early exit. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

function reference(word: string, candidates: readonly string[], maxDistance: number): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

describe('closestMatch', () => {
  it('agrees with the full edit-distance table', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'r', 'o'), { maxLength: 9 }).map((a) => a.join(''));
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (w, candidates, max) => {
        assert.equal(closestMatch(w, candidates, max), reference(w, candidates, max));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('suggests the sts action a typo meant', () => {
    assert.equal(closestMatch('AssumeRoles', ['AssumeRole', 'AssumeRoleWithSAML', 'TagSession'], 3), 'AssumeRole');
    assert.equal(closestMatch('x'.repeat(100_000), ['AssumeRole'], 3), undefined);
  });
});

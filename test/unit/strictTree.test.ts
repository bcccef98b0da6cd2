import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { parseStrictTree } from '../../src/policy/syntax/strictTree';

// The fast path of the parser must build exactly the tree jsonc-parser's parseTree() builds,
// and step aside for anything that is not strict JSON.
const sameTree = (text: string) => {
  const fast = parseStrictTree(text);
  if (fast === undefined) return true; // not strict JSON (or too deep): parseTree() takes over
  const errors: unknown[] = [];
  const slow = parseTree(text, errors as never[], { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0 && isDeepStrictEqual(fast, slow);
};

describe('the strict-JSON tree builder', () => {
  it('builds the same tree as parseTree for generated JSON, pretty or compact', () => {
    fc.assert(
      fc.property(fc.json(), fc.integer({ min: 0, max: 4 }), (json, indent) => {
        const text = indent ? JSON.stringify(JSON.parse(json), null, indent) : json;
        assert.notEqual(parseStrictTree(text), undefined, 'strict JSON takes the fast path');
        return sameTree(text);
      }),
      { numRuns: 500 },
    );
  });

  it('builds the same tree for the real-world policies and the examples', () => {
    const dirs = [join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real-world')];
    for (const dir of dirs) for (const file of readdirSync(dir)) assert.ok(sameTree(readFileSync(join(dir, file), 'utf8')), file);
  });

  it('steps aside for what strict JSON does not allow, whatever the mutation', () => {
    for (const text of ['', ' ', '{"a": 1,}', '[1,]', '{"a": 1} // c', '/* c */ {}', '{"a" 1}', '{a: 1}', "{'a': 1}", '{"a": 01}', '{"a": 1} x', '{"a": "\u0001"}', '[', '{"a":']) {
      assert.equal(parseStrictTree(text), undefined, JSON.stringify(text));
    }
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '//', '/*', '}', ']', ':', '"', 'x', ' '), (json, at, insert) => {
        const i = at % (json.length + 1);
        return sameTree(json.slice(0, i) + insert + json.slice(i));
      }),
      { numRuns: 500 },
    );
  });
});

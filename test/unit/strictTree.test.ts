import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from '../../src/policy/base/limits';
import { parseStrictTree, strictWhitespace } from '../../src/policy/syntax/strictTree';

/** The .json files under dir, recursively (none when it is absent). */
const jsonFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [])) : [];

// The fast path of the parser must build exactly the tree jsonc-parser's parseTree() builds,
// and step aside for anything that is not strict JSON.
const sameTree = (text: string) => {
  const fast = parseStrictTree(text);
  if (fast === undefined) return true; // not strict JSON (or too deep): parseTree() takes over
  const errors: unknown[] = [];
  const slow = parseTree(text, errors as never[], { disallowComments: true, allowTrailingComma: false });
  // The whitespace it counts on the way (for the size rules) is the text's.
  assert.equal(strictWhitespace(), text.length - text.replace(/[ \t\r\n]/g, '').length, 'whitespace count');
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

  it('builds the same tree for the real-world policies, the examples and the corpus', () => {
    const root = join(__dirname, '..', '..', '..');
    // test/fixtures/corpus/ is a third-party copy kept out of git: read when present.
    const files = ['test/fixtures/real-world', 'examples', 'test/fixtures/corpus'].flatMap((dir) => jsonFiles(join(root, dir)));
    assert.ok(files.length >= 20, 'the fixtures are there');
    for (const file of files) assert.ok(sameTree(readFileSync(file, 'utf8')), file);
  });

  it('reads escapes, numbers and keywords as parseTree does', () => {
    // What JSON.stringify never writes: \/, upper-case and surrogate \u escapes, exponents, -0.
    const escape = fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u00e9', '\\u00E9', '\\uD83D\\uDE00', '\\uDC00', '\\u0000', 'a', 'é', '\u2028', '😀', ' ');
    const stringToken = fc.array(escape, { maxLength: 8 }).map((parts) => `"${parts.join('')}"`);
    const numberToken = fc.tuple(fc.constantFrom('', '-'), fc.constantFrom('0', '7', '10', '123456789012345678901234567890'), fc.constantFrom('', '.5', '.000', '.25'), fc.constantFrom('', 'e5', 'E+2', 'e-400', 'e400')).map((p) => p.join(''));
    const scalar = fc.oneof(stringToken, numberToken, fc.constantFrom('true', 'false', 'null'));
    const space = fc.constantFrom('', ' ', '\n', '\r\n', '\t');
    const doc = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(fc.tuple(space, tie('value'), space), { maxLength: 4 }).map((xs) => `[${xs.map((x) => x.join('')).join(',')}]`),
        fc.array(fc.tuple(stringToken, space, tie('value')), { maxLength: 4 }).map((xs) => `{${xs.map(([k, s, v]) => `${k}${s}:${s}${v}`).join(',')}}`),
      ),
    })).value;
    fc.assert(
      fc.property(doc, space, (text, pad) => {
        assert.notEqual(parseStrictTree(pad + text + pad), undefined, 'strict JSON takes the fast path');
        return sameTree(pad + text + pad);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes nesting up to the limit and steps aside beyond it', () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const obj = (n: number) => '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
    for (const text of [nest(MAX_NESTING_DEPTH), obj(MAX_NESTING_DEPTH)]) {
      assert.notEqual(parseStrictTree(text), undefined);
      assert.ok(sameTree(text));
    }
    assert.equal(parseStrictTree(nest(MAX_NESTING_DEPTH + 1)), undefined);
    assert.equal(parseStrictTree(obj(MAX_NESTING_DEPTH + 1)), undefined);
  });

  it('steps aside for what strict JSON does not allow, whatever the mutation', () => {
    for (const text of ['', ' ', '"', '"\\', '"\\u12"', '"\\x"', '-', '-a', '1.', '1e', '1e+', '.5', '01', '1a', 'tru', 'truex', 'nul', '[true false]', '{"a":1 "b":2}', '{"a":1}}', '[1]]', '\uFEFF{}', '{}\u000b', '{"a": 1,}', '[1,]', '{"a": 1} // c', '/* c */ {}', '{"a" 1}', '{a: 1}', "{'a': 1}", '{"a": 01}', '{"a": 1} x', '{"a": "\u0001"}', '[', '{"a":']) {
      assert.equal(parseStrictTree(text), undefined, JSON.stringify(text));
    }
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '//', '/*', '}', ']', ':', '"', 'x', ' ', '\\', '\\u', '\u000b', '\u0001', '\n', '-', '.', 'e', '0', '1', 'true', '{', '['), (json, at, insert) => {
        const i = at % (json.length + 1);
        return sameTree(json.slice(0, i) + insert + json.slice(i));
      }),
      { numRuns: 500 },
    );
  });
});

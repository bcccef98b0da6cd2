import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../../src/policy';
import { whoCanAssume } from '../../../src/policy/evaluate/whoCanAssume';
import { looksLikeTrustPolicy } from '../../../src/policy/model/detect';
import { MAX_DOCUMENT_CHARS, MAX_NESTING_DEPTH } from '../../../src/policy/base/limits';
import { bounded } from './bounded';

// Issue 11, items 5, 7 and 8: deep nesting threw RangeError from lint() (documented never to
// throw) from about 3,500 levels; a huge document exhausted the heap; trailing commas were
// found by scanning back to the start of the line for each one.

const deepMessage = /Nested deeper than \d+ levels/;

describe('deep nesting', () => {
  for (const [name, text] of [
    ['3,500 levels of {"a":', `${'{"a":'.repeat(3500)}1${'}'.repeat(3500)}`],
    ['5,300 levels of [', `${'['.repeat(5300)}${']'.repeat(5300)}`],
    ['100,000 unclosed [', '['.repeat(100_000)],
    ['4,500 levels of [ with a comment (the slow path)', `/* x */ ${'['.repeat(4500)}${']'.repeat(4500)}`],
  ] as const) {
    it(`${name}: one finding, no exception`, () => {
      const findings = lint(text);
      const deep = findings.filter((f) => deepMessage.test(f.message));
      assert.equal(deep.length, 1, findings.map((f) => f.message).join('\n'));
      assert.equal(deep[0]!.code, 'json-syntax');
      assert.ok(!findings.some((f) => f.code === 'internal-error'));
    });
  }

  it('the rest of the policy is still checked', () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Sid":${deep}}]}`;
    const codes = lint(text).map((f) => f.code);
    assert.ok(codes.includes('public-principal'), codes.join(', '));
    assert.ok(codes.includes('json-syntax'));
  });

  it('exactly at the limit is no finding of its own', () => {
    const at = `${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}`;
    assert.ok(!lint(at).some((f) => deepMessage.test(f.message)));
    const over = `${'['.repeat(MAX_NESTING_DEPTH + 1)}${']'.repeat(MAX_NESTING_DEPTH + 1)}`;
    assert.equal(lint(over).filter((f) => deepMessage.test(f.message))[0]?.offset, MAX_NESTING_DEPTH);
  });
});

describe('size', () => {
  it(`a document above ${MAX_DOCUMENT_CHARS} characters gets one finding and is not parsed`, () => {
    const findings = lint(' '.repeat(MAX_DOCUMENT_CHARS + 1));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.code, 'size-exceeds-quota');
    assert.match(findings[0]!.message, /not checked/);
  });
});

describe('trailing commas', () => {
  it('32,000 trailing commas on one line, each reported (scanning back per comma took 10.4 s; the speed is the bench\'s)', async () => {
    const text = `{"Statement":[${'[1,],'.repeat(32_000)}1]}`;
    const result = await bounded<number>('(policy, text) => policy.lint(text).filter((f) => /Trailing comma/.test(f.message)).length', text, 60_000);
    assert.ok(result.done, 'lint did not answer within 60 s');
    assert.equal(result.value, 32_000);
  });

  it('still sees a comma before a closer across comments', () => {
    const findings = lint('{"Version":"2012-10-17", /* c */ // d\n}');
    const comma = findings.find((f) => /Trailing comma/.test(f.message));
    assert.equal(comma?.offset, '{"Version":"2012-10-17"'.length);
  });
});

describe('detection', () => {
  it('a trust policy with 100,000 levels of [ inside is still recognised (the parser overflowed)', () => {
    assert.equal(looksLikeTrustPolicy(`{"Statement":[{"Principal":"*","Action":"sts:AssumeRole","Condition":{"x":${'['.repeat(100_000)}`), true);
  });
});

// The fuzz campaign (seed 892242669): whoCanAssume() read the policy's principals with
// jsonc-parser's parse() on the raw text, which recursed per level and threw RangeError on a
// policy nested ~1,500 deep (lint() was fine: parsePolicy() cuts such nesting first).
describe('who can assume a deeply nested policy', () => {
  it('answers, and finds the principal beside the deep part', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Sid":${deep}}]}`;
    const answer = whoCanAssume(text);
    assert.ok(JSON.stringify(answer).includes('444455556666'));
  });
});

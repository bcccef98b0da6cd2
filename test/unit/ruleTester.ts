// ESLint-style table tests for one rule: valid texts yield none of its findings, invalid texts
// yield exactly the listed ones, each at the exact token, with the rule's severity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRules } from '../../src/policy/lint/lint';
import type { Severity } from '../../src/policy/base/finding';
import type { Rule, RuleOptions } from '../../src/policy/lint/rule';

/** The account the rules' documented examples are written for. */
export const EXAMPLE_OPTIONS: RuleOptions = { accountId: '111122223333' };

export interface ValidCase {
  name?: string;
  text: string;
  options?: RuleOptions;
}

export interface ExpectedFinding {
  /** The exact text the finding covers (offset..offset+length). */
  token: string;
  /** 1-based line of the finding's start; needed only when `token` occurs more than once. */
  line?: number;
  column?: number;
  message?: RegExp;
  /** The finding's severity when the rule reports this one lower than its meta.severity. */
  severity?: Severity;
}

export interface InvalidCase {
  name?: string;
  text: string;
  options?: RuleOptions;
  errors: ExpectedFinding[];
}

export function ruleTests(rule: Rule, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }): void {
  const { code } = rule.meta;
  describe(`rule ${code}`, () => {
    it('has complete metadata', () => {
      for (const field of ['description', 'rationale', 'badExample', 'goodExample'] as const) {
        assert.ok(rule.meta[field].trim().length > 0, `${field} is filled in`);
      }
      // The docs' examples must show what they claim; they live in account 111122223333.
      const bad = runRules(rule.meta.badExample, [rule], EXAMPLE_OPTIONS).filter((f) => f.code === code);
      assert.ok(bad.length > 0, 'badExample is reported by the rule');
      const good = runRules(rule.meta.goodExample, [rule], EXAMPLE_OPTIONS).filter((f) => f.code === code);
      assert.deepEqual(good, [], 'goodExample is not reported by the rule');
    });

    cases.valid.forEach((entry, index) => {
      const c = typeof entry === 'string' ? { text: entry } : entry;
      it(`valid: ${c.name ?? `case ${index + 1}`}`, () => {
        const found = runRules(c.text, [rule], c.options).filter((f) => f.code === code);
        assert.deepEqual(
          found.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
          [],
          `no ${code} findings in:\n${c.text}`,
        );
      });
    });

    cases.invalid.forEach((c, index) => {
      it(`invalid: ${c.name ?? `case ${index + 1}`}`, () => {
        const found = runRules(c.text, [rule], c.options).filter((f) => f.code === code);
        const describeFound = () =>
          found.map((f) => `${f.range.start.line}:${f.range.start.column} ${JSON.stringify(c.text.slice(f.offset, f.offset + f.length))} ${f.message}`).join('\n');
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${describeFound()}`);
        c.errors.forEach((expected, i) => {
          const f = found[i]!;
          assert.equal(f.severity, expected.severity ?? rule.meta.severity);
          assert.equal(c.text.slice(f.offset, f.offset + f.length), expected.token, `finding ${i + 1} covers the token`);
          if (expected.line !== undefined) assert.equal(f.range.start.line, expected.line, `finding ${i + 1} line`);
          if (expected.column !== undefined) assert.equal(f.range.start.column, expected.column, `finding ${i + 1} column`);
          if (expected.message) assert.match(f.message, expected.message);
        });
      });
    });
  });
}

/** A whole policy around one statement (or several), pretty-printed, for short test tables. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** A common statement to vary: an account principal allowed to assume the role. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'example-external-id' } },
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractPolicies, lintEmbedded } from '../../../src/policy/embedded';
import { MAX_HCL_DEPTH, parseHcl } from '../../../src/policy/embedded/hcl';
import { MAX_NESTING_DEPTH } from '../../../src/policy/base/limits';
import { bounded } from './bounded';

// Issue 11: the Terraform reader looped forever on brackets that do not match, as a file looks
// while it is typed (22% of randomly mutated .tf fixtures hung, one case growing the heap at
// ~350 MB/s), and threw RangeError on a few thousand levels of nesting, which lost every policy
// of the file. Cases that hung run in a worker with a time bound, so that a hang fails its test.

const fixture = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'embedded', 'broken-roles.tf'), 'utf8');

/** A valid role whose policy lets anyone assume it: one public-principal finding. */
const publicRole = (name: string) =>
  `resource "aws_iam_role" "${name}" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "sts:AssumeRole" }]\n  })\n}\n`;

const codes = (text: string) => lintEmbedded(text, 'terraform').map((f) => f.code);

type Summary = { codes: string[]; policies: string[] };
const summarize = `(policy, text) => ({
  codes: policy.lintEmbedded(text, 'terraform').map((f) => f.code),
  policies: policy.extractPolicies(text, 'terraform').map((p) => p.name),
})`;

async function read(text: string, ms = 20_000): Promise<Summary> {
  const result = await bounded<Summary>(summarize, text, ms);
  assert.ok(result.done, `lintEmbedded did not answer within ${ms} ms`);
  return result.value;
}

describe('Terraform: brackets that do not match end what they reach, and the reader moves on', () => {
  for (const text of ['x = [}', 'y={]', 'y=o(""}', 'n={)']) {
    it(JSON.stringify(text), async () => {
      assert.deepEqual(await read(text), { codes: [], policies: [] });
    });
  }

  it('a stray ) inside jsonencode({ Statement = [ { … ) ] }): the policy is still read', async () => {
    const text = 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [ { Effect = "Allow" ) ] })\n}\n';
    const { policies } = await read(text);
    assert.deepEqual(policies, ['resource.aws_iam_role.r']);
    const [policy] = extractPolicies(text, 'terraform');
    assert.equal(policy?.value.kind, 'object');
    const statement = policy.value.kind === 'object' ? policy.value.entries.find((e) => e.key === 'Statement')?.value : undefined;
    assert.equal(statement?.kind, 'array', 'the Statement tuple, closed by the `)` that ends it');
  });

  it('a valid file with half-typed resources after it: its policies keep every finding, at their places', async () => {
    const expected = lintEmbedded(fixture, 'terraform');
    assert.ok(expected.some((f) => f.code === 'public-principal'), 'the fixture has a public principal (identifiers = ["*"])');
    for (const broken of ['x = [}', 'y={]', 'y=o(""}', 'n={)', 'resource "aws_iam_role" "typing" {\n  assume_role_policy = jsonencode({ Statement = [ { Effect = "Allow" ) ] })\n', 'a = "${var.', 'c = [for x in y : {]']) {
      const result = await bounded<Array<{ code: string; offset: number }>>(
        `(policy, text) => policy.lintEmbedded(text, 'terraform').map((f) => ({ code: f.code, offset: f.offset }))`,
        `${fixture}\n${broken}`,
      );
      assert.ok(result.done, `${JSON.stringify(broken)}: no answer within the bound`);
      for (const finding of expected) {
        assert.ok(
          result.value.some((f) => f.code === finding.code && f.offset === finding.offset),
          `${JSON.stringify(broken)}: lost ${finding.code} at ${finding.offset}`,
        );
      }
    }
  });

  it('a half-typed interpolation does not swallow the roles after it', async () => {
    // The first closes at the `}` of its block (HCL allows newlines inside `${…}`); the second
    // never closes: it ends at its line's end, and the role after it is read.
    const text = `locals {\n  arn = "arn:aws:iam::\${var.\n}\n${publicRole('a')}x = "\${\n${publicRole('b')}`;
    const { codes: found, policies } = await read(text);
    assert.deepEqual(policies, ['resource.aws_iam_role.a', 'resource.aws_iam_role.b']);
    assert.deepEqual(found, ['public-principal', 'public-principal']);
  });

  it('a bracket left open ends at the next line that opens a block', async () => {
    for (const open of ['x = [\n', 'x = {\n', 'x = f(\n', 'x = (\n', 'x = [for s in y :\n', 'x = a[\n']) {
      assert.deepEqual((await read(open + publicRole('after'))).codes, ['public-principal'], JSON.stringify(open));
    }
  });

  it('a heredoc closed by a CRLF line ends there', async () => {
    const heredoc = 'resource "aws_iam_role" "h" {\r\n  assume_role_policy = <<EOF\r\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\r\nEOF\r\n}\r\n';
    const { codes: found, policies } = await read(heredoc + publicRole('after').replace(/\n/g, '\r\n'));
    assert.deepEqual(policies, ['resource.aws_iam_role.h', 'resource.aws_iam_role.after']);
    assert.deepEqual(found, ['public-principal']);
  });

  it('large input: 5,000 broken blocks, each followed by a public role, all read within the bound', async () => {
    const unit = (i: number) =>
      `locals {\n  a = [}\n  b = {]\n  c = o(""}\n  d = {)\n  e = [for x in y : {]\n  f = "%{ if"\n  g = f(a[\n  /* c */ h = "\${var.\n}\n${publicRole(`r${i}`)}`;
    const text = Array.from({ length: 5000 }, (_, i) => unit(i)).join('');
    const result = await bounded<number>(`(policy, text) => policy.lintEmbedded(text, 'terraform').filter((f) => f.code === 'public-principal').length`, text, 30_000);
    assert.ok(result.done, `${text.length} characters not read within 30 s`);
    assert.equal(result.value, 5000);
  });
});

describe('Terraform: deep nesting is cut at MAX_HCL_DEPTH, not thrown, and the rest of the file is read', () => {
  const n = 5000;
  for (const [name, deep] of [
    [`${n} levels of [`, `x = ${'['.repeat(n)}${']'.repeat(n)}\n`],
    [`${n} unclosed [`, `x = ${'['.repeat(n)}\n`],
    [`${n} levels of { a =`, `x = ${'{ a = '.repeat(n)}1${' }'.repeat(n)}\n`],
    [`${n} levels of f(`, `x = ${'f('.repeat(n)}1${')'.repeat(n)}\n`],
    [`${n} levels of (`, `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`],
    [`${n} nested blocks`, `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`],
    [`${n} strings in interpolations in strings`, `x = ${'"${'.repeat(n)}${'}"'.repeat(n)}\n`],
    [`${n} levels of [ in heredoc JSON`, `resource "x" "y" {\n  assume_role_policy = <<EOF\n${'['.repeat(n)}${']'.repeat(n)}\nEOF\n}\n`],
  ] as const) {
    it(`${name}, before and after a public role`, () => {
      assert.ok(codes(deep + publicRole('after')).includes('public-principal'));
      assert.ok(codes(publicRole('before') + deep).includes('public-principal'));
    });
  }

  it('inside a policy: the engine reports the depth, and the rest of the policy is checked', () => {
    const sid = `${'['.repeat(n)}${']'.repeat(n)}`;
    const text = publicRole('deep').replace('Action = "sts:AssumeRole"', `Action = "sts:AssumeRole", Sid = ${sid}`);
    const found = lintEmbedded(text, 'terraform');
    assert.ok(found.some((f) => f.code === 'public-principal'));
    assert.ok(found.some((f) => f.code === 'json-syntax' && /Nested deeper than/.test(f.message)), found.map((f) => f.message).join('\n'));
  });

  it(`reads deeper than the engine's limit (${MAX_NESTING_DEPTH}), so that the engine says so at its place`, () => {
    assert.ok(MAX_HCL_DEPTH > MAX_NESTING_DEPTH + 4);
    const levels = MAX_NESTING_DEPTH + 1;
    const text = publicRole('deep').replace('Action = "sts:AssumeRole"', `Action = "sts:AssumeRole", Sid = ${'['.repeat(levels)}${']'.repeat(levels)}`);
    const deep = lintEmbedded(text, 'terraform').find((f) => /Nested deeper than/.test(f.message));
    assert.ok(deep, 'the engine reports the nesting');
    assert.equal(text[deep.offset], '[');
  });
});

describe('Terraform strings', () => {
  it('$${ and %%{ are a literal ${ and %{, not interpolations', () => {
    const value = parseHcl('a = "x$${y}%%{z}"').attributes[0]!.value;
    assert.deepEqual(value.type === 'string' && value.parts, ['x${y}%{z}']);
  });
});

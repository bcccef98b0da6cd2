import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, lintEmbedded, type Finding } from '../../src/policy';
import { knownCodes } from '../../src/policy/lint/config';
import { applySuppressions, commentStyleOf, findSuppressions, suppressionEdit, type CommentStyle } from '../../src/policy/lint/suppressions';

const codes = knownCodes();
const summary = (findings: Finding[]) => findings.map((f) => `${f.range.start.line} ${f.severity} ${f.code}`);

/** A CloudFormation role whose trust policy lets another account in. */
const yamlRole = (before: string, principalLine: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
${before}${principalLine}
            Action: sts:AssumeRole
`;
const AWS_LINE = "              AWS: 'arn:aws:iam::444455556666:root'";

function check(text: string, kind: 'cloudformation' | 'terraform' | 'policy', style: CommentStyle | undefined, options = { accountId: '111122223333' }): Finding[] {
  const findings = kind === 'policy' ? lint(text, options) : lintEmbedded(text, kind, options);
  return applySuppressions(text, findings, style, codes);
}

const HEREDOC_END = 'EOF';
const tf = (directive: string) => `resource "aws_iam_role" "ci" {
  name = "ci"
${directive}  assume_role_policy = <<${HEREDOC_END}
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole" }]
}
${HEREDOC_END}
}
`;

describe('inline suppressions', () => {
  it('without one, the YAML role has its finding (the baseline the cases below suppress)', () => {
    assert.deepEqual(summary(check(yamlRole('', AWS_LINE), 'cloudformation', 'yaml')), ['11 security cross-account-without-external-id']);
  });

  it('YAML: a directive with a reason on the line before suppresses the finding', () => {
    const text = yamlRole('              # iam-trust-ignore cross-account-without-external-id: our deployment account, no third party\n', AWS_LINE);
    assert.deepEqual(summary(check(text, 'cloudformation', 'yaml')), []);
  });

  it('YAML: on the same line, after the value', () => {
    const text = yamlRole('', `${AWS_LINE}  # iam-trust-ignore cross-account-without-external-id: role chaining from CI`);
    assert.deepEqual(summary(check(text, 'cloudformation', 'yaml')), []);
  });

  it('YAML: above a parent line, it covers the lines nested under it', () => {
    const text = yamlRole('', AWS_LINE).replace('            Principal:\n', '            # iam-trust-ignore cross-account-without-external-id: CI account\n            Principal:\n');
    assert.deepEqual(summary(check(text, 'cloudformation', 'yaml')), []);
  });

  it('a reason is required: without one the finding stays and the directive is reported', () => {
    for (const directive of [
      '# iam-trust-ignore cross-account-without-external-id',
      '# iam-trust-ignore cross-account-without-external-id:',
      '# iam-trust-ignore cross-account-without-external-id: <reason>',
    ]) {
      const found = check(yamlRole(`              ${directive}\n`, AWS_LINE), 'cloudformation', 'yaml');
      assert.deepEqual(summary(found), ['11 warning invalid-suppression', '12 security cross-account-without-external-id'], directive);
      assert.match(found[0]!.message, /needs a reason after a colon/);
    }
  });

  it('an unused suppression is reported as a suggestion, at the comment', () => {
    const text = yamlRole('              # iam-trust-ignore public-principal: reviewed\n', AWS_LINE);
    const found = check(text, 'cloudformation', 'yaml');
    assert.deepEqual(summary(found), ['11 suggestion unused-suppression', '12 security cross-account-without-external-id']);
    assert.equal(text.slice(found[0]!.offset, found[0]!.offset + found[0]!.length), '# iam-trust-ignore public-principal: reviewed');
    assert.match(found[0]!.message, /Nothing here is reported as public-principal/);
  });

  it('unknown codes and a directive without a code are reported', () => {
    assert.deepEqual(summary(check(yamlRole('              # iam-trust-ignore no-such-rule: x\n', AWS_LINE), 'cloudformation', 'yaml')), [
      '11 warning invalid-suppression',
      '12 security cross-account-without-external-id',
    ]);
    assert.deepEqual(summary(check(yamlRole('              # iam-trust-ignore: why\n', AWS_LINE), 'cloudformation', 'yaml')), [
      '11 warning invalid-suppression',
      '12 security cross-account-without-external-id',
    ]);
  });

  it('several codes, comma-separated; stacked directives both reach the next line', () => {
    const one = yamlRole('              # iam-trust-ignore cross-account-without-external-id, public-principal: ours\n', AWS_LINE);
    assert.deepEqual(summary(check(one, 'cloudformation', 'yaml')), ['11 suggestion unused-suppression']);
    const stacked = yamlRole('              # iam-trust-ignore public-principal: ours\n              # iam-trust-ignore cross-account-without-external-id: ours\n', AWS_LINE);
    assert.deepEqual(summary(check(stacked, 'cloudformation', 'yaml')), ['11 suggestion unused-suppression']);
  });

  it('a directive with another comment between it and the finding does not reach', () => {
    const text = yamlRole('              # iam-trust-ignore cross-account-without-external-id: ours\n              # unrelated comment\n', AWS_LINE);
    assert.deepEqual(summary(check(text, 'cloudformation', 'yaml')), ['11 suggestion unused-suppression', '13 security cross-account-without-external-id']);
  });

  it('HCL: # and // comments; above a heredoc, it covers the heredoc', () => {
    assert.deepEqual(summary(check(tf(''), 'terraform', 'hcl')), ['6 security cross-account-without-external-id']);
    assert.deepEqual(summary(check(tf('  # iam-trust-ignore cross-account-without-external-id: CI account\n'), 'terraform', 'hcl')), []);
    assert.deepEqual(summary(check(tf('  // iam-trust-ignore cross-account-without-external-id: CI account\n'), 'terraform', 'hcl')), []);
  });

  it('JSONC: // comments, found by the scanner (not inside strings); the directive is no json-syntax finding', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    // iam-trust-ignore cross-account-without-external-id: our CI account
    "Principal": { "AWS": "arn:aws:iam::444455556666:root" },
    "Action": "sts:AssumeRole"
  }]
}`;
    assert.deepEqual(summary(check(text, 'policy', 'jsonc')), []);
    const inString = text.replace('"Effect": "Allow",\n    // iam-trust-ignore cross-account-without-external-id: our CI account', '"Sid": "// iam-trust-ignore cross-account-without-external-id: x", "Effect": "Allow",');
    assert.deepEqual(findSuppressions(inString, 'jsonc'), []);
  });

  it('plain JSON has no comments: nothing is read as a directive there', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x # iam-trust-ignore public-principal: y', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] });
    assert.deepEqual(findSuppressions(text, commentStyleOf('trust.json', text)), []);
  });

  it('the comment style follows the language, else the file name', () => {
    assert.equal(commentStyleOf('a.yaml', ''), 'yaml');
    assert.equal(commentStyleOf('a.YML', ''), 'yaml');
    assert.equal(commentStyleOf('main.tf', ''), 'hcl');
    assert.equal(commentStyleOf('p.jsonc', ''), 'jsonc');
    assert.equal(commentStyleOf('p.json', ''), undefined);
    assert.equal(commentStyleOf('x.template', '{"Resources": {}}'), undefined);
    assert.equal(commentStyleOf('x.template', 'Resources: {}'), 'yaml');
    assert.equal(commentStyleOf('untitled', '', 'jsonc'), 'jsonc');
    assert.equal(commentStyleOf('p.jsonc', '', 'json'), undefined);
  });
});

describe('suppressionEdit: what "Suppress with a reason…" writes', () => {
  const apply = (text: string, edit: NonNullable<ReturnType<typeof suppressionEdit>>) => text.slice(0, edit.offset) + edit.content + text.slice(edit.offset);

  it('YAML: above the line, with its indentation; the placeholder left as it is is no reason', () => {
    const text = yamlRole('', AWS_LINE);
    const edit = suppressionEdit(text, 'yaml', 11, 'cross-account-without-external-id')!;
    const fixed = apply(text, edit);
    assert.match(fixed, /\n {14}# iam-trust-ignore cross-account-without-external-id: <reason>\n {14}AWS:/);
    assert.equal(edit.content.slice(edit.placeholder.start, edit.placeholder.start + edit.placeholder.length), '<reason>');
    assert.deepEqual(summary(check(fixed, 'cloudformation', 'yaml')), ['11 warning invalid-suppression', '12 security cross-account-without-external-id']);
    const typed = fixed.replace('<reason>', 'our CI account');
    assert.deepEqual(summary(check(typed, 'cloudformation', 'yaml')), []);
  });

  it('YAML block scalar: above the line that opens it, and the directive covers the block', () => {
    const text = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: |
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}]}
`;
    const edit = suppressionEdit(text, 'yaml', 7, 'cross-account-without-external-id')!;
    assert.equal(edit.offset, text.indexOf('      AssumeRolePolicyDocument'));
    assert.equal(edit.content, '      # iam-trust-ignore cross-account-without-external-id: <reason>\n');
    assert.deepEqual(findSuppressions(apply(text, edit), 'yaml').map((d) => [d.from, d.to]), [[6, 8]]);
  });

  it('HCL heredoc: above the line that opens it; JSONC with //', () => {
    const text = tf('');
    const edit = suppressionEdit(text, 'hcl', 6, 'cross-account-without-external-id')!;
    assert.equal(edit.offset, text.indexOf('  assume_role_policy'));
    const typed = apply(text, edit).replace('<reason>', 'CI account');
    assert.deepEqual(summary(check(typed, 'terraform', 'hcl')), []);
    assert.equal(suppressionEdit('{\n  "a": 1\n}', 'jsonc', 2, 'x-rule', '\r\n')!.content, '  // iam-trust-ignore x-rule: <reason>\r\n');
  });

  it('is not offered where there are no comments', () => {
    assert.equal(suppressionEdit('{}', undefined, 1, 'x-rule'), undefined);
  });
});

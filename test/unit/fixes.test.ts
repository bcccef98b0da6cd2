import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../src/policy';
import { applyFix, FIXABLE_CODES, fixesFor } from '../../src/policy/lint/fixes';

const ACCOUNT = '111122223333';
const stmt = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] }, null, 2);
const base = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Deployer` }, Action: 'sts:AssumeRole' };
const github = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** A policy with the finding each fix is for. */
const CASES: Record<string, string> = {
  // Indented with no-break spaces, as AWS's SageMaker guide publishes a policy; one stays, in a string.
  'json-syntax': stmt({ Sid: 'Keep\u00a0me', ...base }).replace(/\n {2}/g, '\n\u00a0\u00a0'),
  'version-missing': JSON.stringify({ Statement: [base] }, null, 2),
  'version-invalid': stmt(base).replace('2012-10-17', '2024-01-01'),
  'version-legacy': stmt(base).replace('2012-10-17', '2008-10-17'),
  'effect-invalid': stmt({ ...base, Effect: 'allow' }),
  'resource-not-allowed': stmt({ ...base, Resource: '*' }),
  'sid-invalid': stmt({ Sid: 'Trust deployer', ...base }),
  'sid-duplicate': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Trust', ...base }, { Sid: 'Trust', ...base, Action: 'sts:TagSession' }] }, null, 2),
  'wildcard-without-like': stmt({ ...base, Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } } }),
  'cross-account-without-external-id': stmt({ ...base, Principal: { AWS: 'arn:aws:iam::444455556666:root' } }),
  'service-confused-deputy': stmt({ ...base, Principal: { Service: 'lambda.amazonaws.com' } }),
  'oidc-missing-condition': stmt({ Effect: 'Allow', Principal: { Federated: github }, Action: 'sts:AssumeRoleWithWebIdentity' }),
  'oidc-missing-sub': stmt({ Effect: 'Allow', Principal: { Federated: github }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }),
  'missing-action-for-condition-key': stmt({ ...base, Condition: { StringEquals: { 'aws:RequestTag/team': 'platform' } } }),
  'service-principal-case': stmt({ ...base, Principal: { Service: 'Lambda.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
  'rolesanywhere-missing-actions': stmt({ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/abc' } } }),
  'condition-key-deprecated': stmt({ ...base, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Condition: { ArnLike: { 'aws:ARN': 'arn:aws:iam::111122223333:role/ci-*' } } }),
};

const atOrAbove = (severity: string) => severity === 'error' || severity === 'security';

describe('quick fixes', () => {
  it('every fixable code has a test case', () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...FIXABLE_CODES].sort());
  });

  for (const [code, text] of Object.entries(CASES)) {
    it(`${code}: the fix removes the finding and adds no error`, () => {
      const before = lint(text, { accountId: ACCOUNT });
      const finding = before.find((f) => f.code === code);
      assert.ok(finding, `the case has a ${code} finding: ${before.map((f) => f.code).join(', ')}`);
      const [fix] = fixesFor(text, finding, { accountId: ACCOUNT });
      assert.ok(fix, 'a fix is offered');
      const fixed = applyFix(text, fix);
      assert.doesNotThrow(() => JSON.parse(fixed), `valid JSON after the fix:\n${fixed}`);
      const after = lint(fixed, { accountId: ACCOUNT });
      assert.ok(!after.some((f) => f.code === code), `${code} is gone:\n${fixed}`);
      const newErrors = after.filter((f) => atOrAbove(f.severity) && !before.some((b) => b.code === f.code));
      assert.deepEqual(newErrors.map((f) => `${f.code}: ${f.message}`), [], `no new error:\n${fixed}`);
    });
  }

  it('json-syntax: one finding for all the Unicode spaces; the fix replaces those outside strings only', () => {
    const text = CASES['json-syntax']!;
    const findings = lint(text).filter((f) => f.code === 'json-syntax');
    assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
    assert.match(findings[0]!.message, /U\+00A0 \(no-break space\) and \d+ more place/);
    const fixed = applyFix(text, fixesFor(text, findings[0]!)[0]!);
    assert.equal(fixed, stmt({ Sid: 'Keep\u00a0me', ...base }));
  });

  it('version-missing: "Version" goes first, spaced as the first element, also while the policy is still being typed', () => {
    const typed = '{\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ["sts:AssumeRole",\n';
    const compact = '{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"';
    const withVersion = (text: string) => applyFix(text, fixesFor(text, lint(text).find((f) => f.code === 'version-missing')!)[0]!);
    // jsonc-parser's modify() put it after the last element: inside the open Action array here.
    assert.equal(withVersion(typed), typed.replace('{\n  "Statement"', '{\n  "Version": "2012-10-17",\n  "Statement"'));
    assert.equal(withVersion(compact), compact.replace('{"Statement"', '{"Version": "2012-10-17", "Statement"'));
    const whole = CASES['version-missing']!;
    assert.equal(withVersion(whole), stmt(base));
  });

  it('keeps the document\'s indentation and the other elements', () => {
    const text = stmt({ ...base, Resource: '*' });
    const finding = lint(text).find((f) => f.code === 'resource-not-allowed')!;
    const fixed = applyFix(text, fixesFor(text, finding)[0]!);
    assert.equal(fixed, stmt(base));
  });

  it('adds to an existing condition block rather than replacing it', () => {
    const text = stmt({ ...base, Principal: { AWS: '444455556666' }, Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    const finding = lint(text, { accountId: ACCOUNT }).find((f) => f.code === 'cross-account-without-external-id')!;
    const fixed = JSON.parse(applyFix(text, fixesFor(text, finding, { accountId: ACCOUNT })[0]!));
    assert.deepEqual(fixed.Statement[0].Condition, {
      Bool: { 'aws:SecureTransport': 'true' },
      StringEquals: { 'sts:ExternalId': 'REPLACE-WITH-EXTERNAL-ID' },
    });
  });

  it('offers nothing for codes without a fix, and never throws on broken text', () => {
    assert.deepEqual(fixesFor('{}', { code: 'json-syntax', severity: 'error', message: '', offset: 0, length: 1, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }), []);
    assert.doesNotThrow(() => fixesFor('{"Statement": [{"Effect": "allow",', { code: 'effect-invalid', severity: 'error', message: '', offset: 27, length: 7, range: { start: { line: 1, column: 28 }, end: { line: 1, column: 35 } } }));
  });
});

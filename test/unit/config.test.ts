import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { lint } from '../../src/policy';
import { applySeverities, mergeLayers, parseProjectConfig, pathGlobMatch, searchIncludes } from '../../src/policy/lint/config';

const root = join(__dirname, '..', '..', '..');
const CROSS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] });

describe('.iamtrust.json: parseProjectConfig', () => {
  it('reads every setting', () => {
    const { config, problems } = parseProjectConfig(`{
      // comments are tolerated
      "$schema": "./node_modules/iam-trust-sessions/schemas/iamtrust.schema.json",
      "accountId": "111122223333",
      "trustedAccounts": ["444455556666", "777788889999"],
      "organizationId": "o-a1b2c3d4e5",
      "ignore": ["version-legacy", "unused-suppression"],
      "severity": { "service-confused-deputy": "warning", "sid-invalid": "off" },
      "include": ["infra/**"],
      "exclude": ["**/fixtures", "*.test.json"],
    }`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      accountId: '111122223333',
      trustedAccounts: ['444455556666', '777788889999'],
      organizationId: 'o-a1b2c3d4e5',
      ignore: ['version-legacy', 'unused-suppression'],
      severity: { 'service-confused-deputy': 'warning', 'sid-invalid': 'off' },
      include: ['infra/**'],
      exclude: ['**/fixtures', '*.test.json'],
    });
  });

  it('leaves out what it cannot use and says where and why', () => {
    const text = '{"accountId": 111122223333, "trustedAccounts": ["4444", "444455556666"], "organizationId": "org-1", "ignore": ["no-such-rule"], "severity": {"json-syntax": "fatal"}, "accountID": "1"}';
    const { config, problems } = parseProjectConfig(text);
    assert.deepEqual(config, { trustedAccounts: ['444455556666'], ignore: [], severity: {} });
    const at = (p: { offset: number; length: number }) => text.slice(p.offset, p.offset + p.length);
    assert.deepEqual(problems.map(at), ['111122223333', '"4444"', '"org-1"', '"no-such-rule"', '"fatal"', '"accountID"']);
    for (const p of problems) assert.deepEqual([p.line, p.column], [1, p.offset + 1]);
    assert.match(problems[0]!.message, /12-digit/);
    assert.match(problems[3]!.message, /Unknown rule code "no-such-rule"/);
    assert.match(problems[5]!.message, /Unknown setting "accountID"/);
  });

  it('reads the rest of a configuration nested 100,000 levels deep in one place (parseTree overflowed)', () => {
    const { config, problems } = parseProjectConfig(`{"accountId":"111122223333","x":${'['.repeat(100_000)}`);
    assert.equal(config.accountId, '111122223333');
    assert.ok(problems.some((p) => /Nested deeper than/.test(p.message)));
  });

  it('never throws on what is not a configuration', () => {
    for (const text of ['', '[]', '"x"', '{', '{"ignore": {}}', '{"severity": []}', '{"include": [1]}']) {
      const { problems } = parseProjectConfig(text);
      assert.ok(text === '' || problems.length > 0, text);
    }
  });

  it('agrees with schemas/iamtrust.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'iamtrust.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const good = { accountId: '111122223333', trustedAccounts: ['444455556666'], organizationId: 'o-a1b2c3d4e5', ignore: ['version-legacy'], severity: { 'public-principal': 'warning' }, include: ['a/**'], exclude: ['b'] };
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.deepEqual(parseProjectConfig(JSON.stringify(good)).problems, []);
    for (const bad of [{ accountId: '1234' }, { organizationId: 'o-x' }, { severity: { 'public-principal': 'fatal' } }, { other: 1 }, { trustedAccounts: '444455556666' }]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
      assert.ok(parseProjectConfig(JSON.stringify(bad)).problems.length > 0, JSON.stringify(bad));
    }
  });
});

describe('.iamtrust.json: mergeLayers (lowest precedence first)', () => {
  it('the higher layer wins for the account, the organisation and the trusted accounts as a list', () => {
    const merged = mergeLayers(
      { accountId: '111111111111', trustedAccounts: ['222222222222', '333333333333'], organizationId: 'o-aaaaaaaaaa' },
      { accountId: '999999999999', trustedAccounts: ['444444444444'] },
    );
    assert.deepEqual(merged, { accountId: '999999999999', trustedAccounts: ['444444444444'], organizationId: 'o-aaaaaaaaaa' });
  });

  it('an empty or absent value does not hide a lower layer\'s', () => {
    assert.deepEqual(mergeLayers({ accountId: '111111111111', trustedAccounts: ['222222222222'] }, { trustedAccounts: [] }, undefined), {
      accountId: '111111111111',
      trustedAccounts: ['222222222222'],
    });
  });

  it('ignore lists add up; severity overrides merge code by code', () => {
    const merged = mergeLayers({ ignore: ['a-rule'], severity: { 'x-rule': 'warning', 'y-rule': 'off' } }, { ignore: ['b-rule', 'a-rule'], severity: { 'x-rule': 'error' } });
    assert.deepEqual(merged, { ignore: ['a-rule', 'b-rule'], severity: { 'x-rule': 'error', 'y-rule': 'off' } });
  });
});

describe('re-grading through lint()', () => {
  it('a rule re-graded reports at the new severity; off silences it', () => {
    const base = lint(CROSS, { accountId: '111122223333' }).filter((f) => f.code === 'cross-account-without-external-id');
    assert.equal(base[0]?.severity, 'security');
    const regraded = lint(CROSS, { accountId: '111122223333', severity: { 'cross-account-without-external-id': 'warning' } }).filter((f) => f.code === 'cross-account-without-external-id');
    assert.equal(regraded[0]?.severity, 'warning');
    assert.deepEqual(lint(CROSS, { accountId: '111122223333', severity: { 'cross-account-without-external-id': 'off' } }).filter((f) => f.code === 'cross-account-without-external-id'), []);
  });

  it('applySeverities leaves findings alone when nothing is configured', () => {
    const findings = lint(CROSS);
    assert.equal(applySeverities(findings, {}), findings);
  });
});

describe('include and exclude globs', () => {
  const path = (p: string) => p.split('/');
  it('a glob without / matches a name at any depth; with / it is anchored', () => {
    assert.ok(pathGlobMatch('fixtures', path('test/fixtures')));
    assert.ok(pathGlobMatch('*.test.json', path('a/b/x.test.json')));
    assert.ok(!pathGlobMatch('infra/*.json', path('x/infra/a.json')));
    assert.ok(pathGlobMatch('infra/*.json', path('infra/a.json')));
    assert.ok(pathGlobMatch('./infra/**/*.json', path('infra/a/b/c.json')));
    assert.ok(pathGlobMatch('infra/**/*.json', path('infra/c.json')));
    assert.ok(pathGlobMatch('legacy/', path('legacy')));
    assert.ok(!pathGlobMatch('*.json', path('a/b.yaml')));
  });

  it('an excluded folder excludes what is below it; include narrows files only', () => {
    const config = { include: ['roles/**'], exclude: ['legacy', 'roles/*.draft.json'] };
    assert.equal(searchIncludes(config, 'legacy/a.json', false), false);
    assert.equal(searchIncludes(config, 'roles/legacy/a.json', false), false);
    assert.equal(searchIncludes(config, 'roles/a.draft.json', false), false);
    assert.equal(searchIncludes(config, 'roles/a.json', false), true);
    assert.equal(searchIncludes(config, 'other/a.json', false), false);
    assert.equal(searchIncludes(config, 'other', true), true, 'folders are entered: include is about files');
    assert.equal(searchIncludes(config, '../elsewhere/a.json', false), true, 'outside the configuration\'s folder');
  });
});

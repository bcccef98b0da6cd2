import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSarif } from '../../src/cli/format';
import { lint, RULES } from '../../src/policy';

const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole" }]\n}';

describe('SARIF output', () => {
  const sarif = JSON.parse(formatSarif([{ file: 'roles/app.json', findings: lint(text) }], RULES.map((r) => r.meta), '0.1.0'));
  const run = sarif.runs[0];

  it('is SARIF 2.1.0 with one run of trust-policy-lint', () => {
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    assert.equal(run.tool.driver.name, 'trust-policy-lint');
    assert.equal(run.tool.driver.version, '0.1.0');
  });

  it('describes every rule, with help and a security-severity', () => {
    assert.equal(run.tool.driver.rules.length, RULES.length);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.id && rule.shortDescription.text && rule.fullDescription.text && rule.help.markdown, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
    const publicRule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'public-principal');
    assert.ok(publicRule.properties.tags.includes('security'));
  });

  it('places each result at its rule and region, relative to the source root', () => {
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'public-principal');
    assert.ok(result);
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'public-principal');
    assert.equal(result.level, 'error');
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.deepEqual(artifactLocation, { uri: 'roles/app.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(region, { startLine: 3, startColumn: 51, endLine: 3, endColumn: 54 });
    assert.match(result.message.text, /Anyone in any AWS account/);
  });

  it('has an empty results list for a clean file, and never an empty region', () => {
    const clean = JSON.parse(formatSarif([{ file: 'a.json', findings: [] }], [], '1'));
    assert.deepEqual(clean.runs[0].results, []);
    const empty = JSON.parse(formatSarif([{ file: 'e.json', findings: lint('') }], RULES.map((r) => r.meta), '1'));
    const region = empty.runs[0].results[0].locations[0].physicalLocation.region;
    assert.ok(region.endColumn > region.startColumn || region.endLine > region.startLine);
  });
});

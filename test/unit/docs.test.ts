import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderRulesMarkdown, RULES } from '../../src/policy';

describe('docs/rules.md', () => {
  const rendered = renderRulesMarkdown(RULES);

  it('has a section for every rule, anchored by its code', () => {
    for (const { meta } of RULES) {
      assert.ok(rendered.includes(`\n### ${meta.code}\n`), `section for ${meta.code}`);
      assert.ok(rendered.includes(`](#${meta.code})`), `index link to ${meta.code}`);
    }
  });

  it('lists every rule code once, rules having unique codes', () => {
    const codes = RULES.map((r) => r.meta.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z]+(-[a-z]+)*$/);
  });

  it('the committed file is what the rules generate (run `npm run generate`)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    assert.equal(committed, rendered);
  });
});

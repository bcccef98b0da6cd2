import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../src/policy';
import { buildModel } from '../../src/policy/model/model';
import { parsePolicy } from '../../src/policy/syntax/parse';

// Clean policies following AWS documentation patterns; all live in account 111122223333.
const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real-world');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('real-world trust policies (AWS documentation patterns)', () => {
  it('are there to check', () => assert.ok(files.length >= 20, `${files.length} files`));

  for (const file of files) {
    it(`${file} raises nothing above suggestion`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.ok(buildModel(parsePolicy(text)).statements.length > 0);
      const serious = lint(text, { accountId: '111122223333' }).filter((f) => f.severity !== 'suggestion');
      assert.deepEqual(serious.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.code}: ${f.message}`), []);
    });
  }
});

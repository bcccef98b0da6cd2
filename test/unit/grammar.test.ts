import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The injection grammar's regexes use only syntax that Oniguruma and JavaScript share, so
// they can be checked here without a TextMate engine.
const grammar = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'syntaxes', 'trust-policy.injection.tmLanguage.json'), 'utf8'),
);
const rule = (name: string) => grammar.repository[name] as { match: string; captures: Record<string, { name: string }> };

/** The scope of each capture that matched in `text`, as [scope, text] pairs. */
function scopes(name: string, text: string): Array<[string, string]> {
  const { match, captures } = rule(name);
  const m = new RegExp(match).exec(text);
  if (!m) return [];
  return Object.entries(captures)
    .filter(([index]) => m[Number(index)] !== undefined && index !== '0')
    .map(([index, { name: scope }]) => [scope.replace(/\.iam-trust$/, ''), m[Number(index)]!]);
}

describe('syntaxes/trust-policy.injection.tmLanguage.json', () => {
  it('injects into JSON strings and property names only', () => {
    assert.match(grammar.injectionSelector, /string\.quoted\.double\.json/);
    assert.match(grammar.injectionSelector, /support\.type\.property-name\.json/);
    for (const { include } of grammar.patterns) assert.ok(grammar.repository[include.slice(1)], include);
  });

  it('colours an ARN by its parts', () => {
    const parts = scopes('arn', '"arn:aws-us-gov:iam::111122223333:role/Deploy"');
    assert.deepEqual(parts.filter(([s]) => !s.startsWith('punctuation')), [
      ['keyword.other.arn', 'arn'],
      ['entity.name.namespace.partition', 'aws-us-gov'],
      ['entity.name.type.service', 'iam'],
      ['constant.language.region', ''],
      ['constant.numeric.account-id', '111122223333'],
      ['variable.other.resource', 'role/Deploy'],
    ]);
  });

  it('colours service:Action names, with wildcards', () => {
    assert.deepEqual(scopes('action', '"sts:AssumeRole*"').filter(([s]) => !s.startsWith('punctuation')), [
      ['entity.name.type.service', 'sts'],
      ['entity.name.function.action', 'AssumeRole*'],
    ]);
    assert.deepEqual(scopes('action', '"not an action"'), []);
  });

  it('colours policy variables', () => {
    assert.deepEqual(scopes('policy-variable', '"arn:aws:iam::1:user/${aws:username}"').filter(([s]) => s.startsWith('variable')), [
      ['variable.other.policy-variable', 'aws:username'],
    ]);
  });

  it('colours condition operators with their set-operator and IfExists parts', () => {
    assert.deepEqual(scopes('operator', '"ForAnyValue:StringLikeIfExists"').filter(([s]) => !s.startsWith('punctuation')), [
      ['keyword.control.set-operator', 'ForAnyValue'],
      ['keyword.operator.condition', 'StringLike'],
      ['keyword.control.if-exists', 'IfExists'],
    ]);
    assert.deepEqual(scopes('operator', '"StringEqualsX"'), []);
    assert.deepEqual(scopes('operator', '"Bool"'), [['keyword.operator.condition', 'Bool']]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorAt } from '../../src/policy/syntax/cursor';

/** The context at the `|` in `marked` (the bar is removed before asking). */
function at(marked: string) {
  const offset = marked.indexOf('|');
  return cursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

describe('cursorAt', () => {
  const cases: Array<[string, string, object]> = [
    ['top-level key', '{ "Ver|" }', { kind: 'top-level-key' }],
    ['Version value', '{ "Version": "20|" }', { kind: 'version-value' }],
    ['statement key', '{ "Statement": [ { "Eff|" } ] }', { kind: 'statement-key', statement: 0 }],
    ['Effect value in the second statement', '{ "Statement": [ {}, { "Effect": "A|" } ] }', { kind: 'effect-value', statement: 1 }],
    ['principal type key', '{ "Statement": [ { "Principal": { "Se|" } } ] }', { kind: 'principal-type-key', statement: 0, element: 'Principal' }],
    ['principal value', '{ "Statement": [ { "Principal": { "Service": "lam|" } } ] }', { kind: 'principal-value', statement: 0, principalType: 'Service' }],
    ['principal value in a list', '{ "Statement": [ { "Principal": { "AWS": ["1", "a|"] } } ] }', { kind: 'principal-value', statement: 0, principalType: 'AWS' }],
    ['bare principal', '{ "Statement": [ { "Principal": "|" } ] }', { kind: 'principal-value', statement: 0, principalType: '*' }],
    ['action', '{ "Statement": [ { "Action": "sts:|" } ] }', { kind: 'action-value', statement: 0, element: 'Action' }],
    ['action in a list', '{ "Statement": [ { "Action": ["sts:AssumeRole", "sts:T|"] } ] }', { kind: 'action-value', statement: 0, element: 'Action' }],
    ['operator', '{ "Statement": [ { "Condition": { "String|" } } ] }', { kind: 'operator-key', statement: 0 }],
    ['condition key', '{ "Statement": [ { "Condition": { "StringEquals": { "aws:|" } } } ] }', { kind: 'condition-key', statement: 0, operator: 'StringEquals' }],
    ['condition value', '{ "Statement": [ { "Condition": { "Bool": { "aws:SecureTransport": "t|" } } } ] }', { kind: 'condition-value', statement: 0, operator: 'Bool', key: 'aws:SecureTransport' }],
    ['single statement object', '{ "Statement": { "Action": "|" } }', { kind: 'action-value', statement: 0, element: 'Action' }],
    ['anywhere else', '{ "Id": "x|" }', { kind: 'other' }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(at(text).context, expected));
  }

  // Asked while typing in any document: 5,000 levels threw RangeError (getLocation() recurses per
  // level); the cursor before the deep part still gets its context.
  it('answers beside nesting too deep to read', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    assert.deepEqual(at(`{ "Statement": [ { "Action": "sts:|", "Sid": ${deep} } ] }`).context, { kind: 'action-value', statement: 0, element: 'Action' });
    assert.deepEqual(at(`{ "Statement": [ { "Sid": ${deep.slice(0, 40)}|${deep.slice(40)} } ] }`).context, { kind: 'other' });
  });

  it('gives the token under the cursor', () => {
    const info = at('{ "Statement": [ { "Action": "sts:Assu|meRole" } ] }');
    assert.equal(info.text, 'sts:AssumeRole');
    assert.equal(info.node?.type, 'string');
  });

  it('gives the key under the cursor', () => {
    const info = at('{ "Statement": [ { "Condition": { "ForAllValues:String|Equals": { "aws:TagKeys": "a" } } } ] }');
    assert.equal(info.text, 'ForAllValues:StringEquals');
    assert.equal(at('{ "Statement": [ { "Condition": { "StringEquals": { "|" } } } ] }').text, '');
  });

  it('works on broken and empty text', () => {
    for (const text of ['|', '{|', '{ "Statement": [ { "Condition": { |', '[|]']) assert.doesNotThrow(() => at(text));
  });
});

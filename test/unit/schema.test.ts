import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { renderTemplate, TRUST_POLICY_TEMPLATES } from '../../src/policy';

// The schema VS Code's JSON service applies to trust-policy files (contributes.jsonValidation).
const root = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'trust-policy.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const check = (policy: unknown) => (validate(policy) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const statement = { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' };

describe('schemas/trust-policy.schema.json', () => {
  it('accepts every template', () => {
    for (const template of TRUST_POLICY_TEMPLATES) assert.deepEqual(check(JSON.parse(renderTemplate(template))), [], template.id);
  });

  it('accepts the grammar\'s alternative forms', () => {
    const forms = [
      { Version: '2012-10-17', Statement: statement },
      { Version: '2008-10-17', Id: 'x', Statement: [{ ...statement, Principal: '*', Sid: 'A1' }] },
      { Version: '2012-10-17', Statement: [{ ...statement, Principal: { AWS: ['1', '2'], Service: 's.amazonaws.com', Federated: 'accounts.google.com' } }] },
      { Version: '2012-10-17', Statement: [{ ...statement, Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
      { Version: '2012-10-17', Statement: [{ ...statement, Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*', 'b'] }, Bool: { 'aws:MultiFactorAuthPresent': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Null: { 'sts:ExternalId': 'false' } } }] },
    ];
    for (const policy of forms) assert.deepEqual(check(policy), [], JSON.stringify(policy));
  });

  const broken: Array<[string, unknown, RegExp]> = [
    ['missing Statement', { Version: '2012-10-17' }, /must have required property 'Statement'/],
    ['unknown top-level element', { Version: '2012-10-17', Statement: statement, Statements: [] }, /additional properties/],
    ['wrong Version', { Version: '2024-01-01', Statement: statement }, /allowed values/],
    ['lower-case effect', { Version: '2012-10-17', Statement: [{ ...statement, Effect: 'allow' }] }, /allowed values/],
    ['missing Effect', { Version: '2012-10-17', Statement: [{ Principal: '*', Action: 'sts:AssumeRole' }] }, /required property 'Effect'/],
    ['unknown statement element', { Version: '2012-10-17', Statement: [{ ...statement, Conditions: {} }] }, /additional properties/],
    ['unknown principal type', { Version: '2012-10-17', Statement: [{ ...statement, Principal: { Aws: '1' } }] }, /additional properties/],
    ['bad Sid', { Version: '2012-10-17', Statement: [{ ...statement, Sid: 'a b' }] }, /must match pattern/],
    ['unknown operator', { Version: '2012-10-17', Statement: [{ ...statement, Condition: { StringEqual: { k: 'v' } } }] }, /property name must be valid/],
    ['NullIfExists', { Version: '2012-10-17', Statement: [{ ...statement, Condition: { NullIfExists: { k: 'true' } } }] }, /property name must be valid/],
    ['object as a condition value', { Version: '2012-10-17', Statement: [{ ...statement, Condition: { StringEquals: { k: { a: 1 } } } }] }, /must be/],
    ['empty statement list', { Version: '2012-10-17', Statement: [] }, /must NOT have fewer than 1 items/],
  ];
  for (const [name, policy, message] of broken) {
    it(`rejects ${name}`, () => {
      const errors = check(policy);
      assert.ok(errors.length > 0, 'rejected');
      assert.ok(errors.some((e) => message.test(e)), `an error matches ${message}: ${errors.join('; ')}`);
    });
  }

  it('agrees with the engine on the examples: clean ones pass, grammar mistakes fail', () => {
    const examples = join(root, 'examples');
    const expected: Record<string, string[]> = JSON.parse(readFileSync(join(examples, 'expected-findings.json'), 'utf8'));
    for (const file of Object.keys(expected).filter((f) => f.startsWith('good/'))) {
      assert.deepEqual(check(JSON.parse(readFileSync(join(examples, file), 'utf8'))), [], file);
    }
    assert.ok(check(JSON.parse(readFileSync(join(examples, 'bad/grammar-mistakes.trust-policy.json'), 'utf8'))).length > 0);
  });
});

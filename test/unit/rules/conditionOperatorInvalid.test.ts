import { conditionOperatorInvalid } from '../../../src/policy/lint/rules/conditionOperatorInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(conditionOperatorInvalid, {
  valid: [c({ StringEquals: { 'sts:ExternalId': 'x' } }), c({ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' }, Null: { 'sts:ExternalId': 'false' } }), c({})],
  invalid: [
    { name: 'typo', text: c({ StringEqual: { k: 'v' } }), errors: [{ token: '"StringEqual"', message: /Unknown condition operator/ }] },
    { name: 'case', text: c({ stringEquals: { k: 'v' } }), errors: [{ token: '"stringEquals"', message: /did you mean "StringEquals"/ }] },
    { name: 'bad set operator', text: c({ 'ForAll:StringEquals': { k: 'v' } }), errors: [{ token: '"ForAll:StringEquals"', message: /Unknown set operator "ForAll"/ }] },
    { name: 'NullIfExists', text: c({ NullIfExists: { k: 'true' } }), errors: [{ token: '"NullIfExists"', message: /Null already tests/ }] },
    { name: 'operator with a string value', text: c({ StringEquals: 'x' }), errors: [{ token: '"x"', message: /must map condition keys/ }] },
    { name: 'Condition is a list', text: c([]), errors: [{ token: '[', message: /must be an object/ }] },
  ],
});

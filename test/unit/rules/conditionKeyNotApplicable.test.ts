import { conditionKeyNotApplicable } from '../../../src/policy/lint/rules/conditionKeyNotApplicable';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Action: unknown, key: string) => policy(statement({ Action, Condition: { StringEquals: { [key]: 'v' } } }));

ruleTests(conditionKeyNotApplicable, {
  valid: [
    c('sts:AssumeRole', 'sts:ExternalId'),
    c('sts:AssumeRole', 'aws:PrincipalOrgID'),
    c('sts:AssumeRoleWithSAML', 'SAML:aud'),
    c('sts:AssumeRoleWithWebIdentity', 'token.actions.githubusercontent.com:sub'),
    c(['sts:AssumeRole', 'sts:TagSession'], 'sts:TransitiveTagKeys'),
    c('sts:*', 'saml:sub'),
    c('sts:AssumeRole', 'made:up'),
  ],
  invalid: [
    { name: 'service key', text: c('sts:AssumeRole', 's3:prefix'), errors: [{ token: '"s3:prefix"', message: /belongs to s3 requests/ }] },
    { name: 'SAML key for AssumeRole', text: c('sts:AssumeRole', 'saml:aud'), errors: [{ token: '"saml:aud"', message: /not present in sts:AssumeRole requests/ }] },
  ],
});

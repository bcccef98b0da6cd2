import { resourceAccountInTrust } from '../../../src/policy/lint/rules/resourceAccountInTrust';
import { sourceArnNoAccount } from '../../../src/policy/lint/rules/sourceArnNoAccount';
import { sourceConditionIfExists } from '../../../src/policy/lint/rules/sourceConditionIfExists';
import { sourceConditionNegated } from '../../../src/policy/lint/rules/sourceConditionNegated';
import { policy, ruleTests, statement } from '../ruleTester';

const svc = (Service: unknown, Condition?: unknown, Effect = 'Allow') => policy(statement({ Principal: { Service }, Condition, Effect }));

ruleTests(sourceConditionNegated, {
  valid: [
    svc('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
    { name: 'a negated exclusion beside a positive source condition', text: svc('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:test-*' } }) },
    { name: 'Deny with the negated form is the right pattern', text: svc('sns.amazonaws.com', { StringNotEquals: { 'aws:SourceAccount': '111122223333' } }, 'Deny') },
    { name: 'not a service principal', text: policy(statement({ Condition: { StringNotEquals: { 'aws:SourceAccount': '444455556666' } } })) },
  ],
  invalid: [
    { text: svc('sns.amazonaws.com', { StringNotEquals: { 'aws:SourceAccount': '444455556666' } }), errors: [{ token: '"StringNotEquals"', message: /admits every other value/ }] },
    { name: 'ArnNotLike on aws:SourceArn', text: svc('events.amazonaws.com', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:events:*:444455556666:rule/*' } }), errors: [{ token: '"ArnNotLike"', message: /ArnLike with your own resource ARN/ }] },
  ],
});

ruleTests(sourceConditionIfExists, {
  valid: [
    svc('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
    { name: 'guarded by Null: false', text: svc('sns.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' }, Null: { 'aws:SourceAccount': 'false' } }) },
    { name: 'another source key restricted outright', text: svc('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }) },
  ],
  invalid: [
    { text: svc('sns.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }), errors: [{ token: '"StringEqualsIfExists"', message: /passes when the request has no aws:SourceAccount/ }] },
    { name: 'ForAllValues', text: svc('sns.amazonaws.com', { 'ForAllValues:StringEquals': { 'aws:SourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/' } }), errors: [{ token: '"ForAllValues:StringEquals"' }] },
    { name: 'a Null guard on another key does not count', text: svc('sns.amazonaws.com', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' }, Null: { 'aws:SourceAccount': 'false' } }), errors: [{ token: '"ArnLikeIfExists"' }] },
  ],
});

ruleTests(sourceArnNoAccount, {
  valid: [
    svc('sns.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:alerts' } }),
    svc('s3.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::amzn-s3-demo-bucket' }, StringEquals: { 'aws:SourceAccount': '111122223333' } }),
    { name: 'one value pins an account', text: svc('sns.amazonaws.com', { ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:111122223333:alerts', 'arn:aws:sns:*:111122223333:audit'] } }) },
    { name: 'no source condition at all is service-confused-deputy\'s', text: svc('sns.amazonaws.com') },
    // AWS's RDS guide (held-out set 15): a placeholder is no wildcard; it names an account once filled in.
    { name: 'a placeholder account field', text: svc('rds.amazonaws.com', { StringEquals: { 'aws:SourceArn': 'arn:aws:rds:Region:my_account_ID:db:dbname' } }) },
  ],
  invalid: [
    { name: 'S3: no account field', text: svc('s3.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::amzn-s3-demo-bucket' } }), errors: [{ token: '"arn:aws:s3:::amzn-s3-demo-bucket"', message: /no account field/ }] },
    { name: 'a wildcard account', text: svc('sns.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:alerts' } }), errors: [{ token: '"arn:aws:sns:us-east-1:*:alerts"', message: /wildcard/ }] },
  ],
});

ruleTests(resourceAccountInTrust, {
  valid: [svc('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }), policy(statement())],
  invalid: [
    { text: svc('sns.amazonaws.com', { StringEquals: { 'aws:ResourceAccount': '111122223333' } }), errors: [{ token: '"aws:ResourceAccount"', message: /aws:SourceAccount/ }] },
    { name: 'aws:ResourceOrgID on an AWS principal', text: policy(statement({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } })), errors: [{ token: '"aws:ResourceOrgID"', message: /aws:PrincipalOrgID/ }] },
  ],
});

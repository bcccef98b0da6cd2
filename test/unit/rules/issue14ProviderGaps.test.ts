// Issue 14, the provider table's remaining gaps: a policy variable inside a condition key, pinning
// through session tags (Buildkite), Azure DevOps and Google, Cognito roles that do not say
// authenticated or unauthenticated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeAt } from '../../../src/policy/authoring/complete';
import { explainConditionKey } from '../../../src/policy/evaluate/explain';
import { conditionKeyPrefix, federatedProvider } from '../../../src/policy/iam/iamData';
import { callerPinningClaims, IDENTITY_PROVIDERS, identityProviderFacts } from '../../../src/policy/iam/identityProviders';
import { cognitoUnauthenticated } from '../../../src/policy/lint/rules/cognitoUnauthenticated';
import { conditionKeyInvalid } from '../../../src/policy/lint/rules/conditionKeyInvalid';
import { oidcMissingCondition } from '../../../src/policy/lint/rules/oidcMissingCondition';
import { oidcMissingSub } from '../../../src/policy/lint/rules/oidcMissingSub';
import { oidcSubjectBroad } from '../../../src/policy/lint/rules/oidcSubjectBroad';
import { runRules } from '../../../src/policy/lint/lint';
import { policy, ruleTests } from '../ruleTester';

describe('a policy variable inside a condition key', () => {
  it('the prefix is not split at the colon inside ${…}', () => {
    const table: Array<[string, string]> = [
      ['aws:PrincipalTag/${aws:username}', 'aws'],
      ['aws:RequestTag/${aws:PrincipalTag/team}', 'aws'],
      ['s3:ExistingObjectTag/${aws:username}', 's3'],
      // An unclosed variable runs to the end: its colons are the variable's.
      ['aws:PrincipalTag/${aws:username', 'aws'],
      ['token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com'],
      ['oidc.eks.${AWS::Region}.amazonaws.com/id/${Id}:sub', 'oidc.eks.${AWS::Region}.amazonaws.com/id/${Id}'],
      ['no-colon', ''],
    ];
    for (const [key, prefix] of table) assert.equal(conditionKeyPrefix(key), prefix, key);
  });

  it('condition-key-invalid does not call aws:PrincipalTag/${aws:username} a claim of an identity provider', () => {
    // The minimal input of the report: it got "is a claim of the identity provider aws:PrincipalTag/${aws …".
    const text = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalTag/${aws:username}': 'x' } },
    });
    for (const finding of runRules(text, [conditionKeyInvalid])) {
      assert.doesNotMatch(finding.message, /identity provider/, finding.message);
    }
  });
});

const bk = 'arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com';
const azHost = 'vstoken.dev.azure.com/0ca3ddd9-f0b0-4635-a98c-5866526961b6';
const az = `arn:aws:iam::111122223333:oidc-provider/${azHost}`;
const web = (Federated: string, Condition?: unknown, Action: unknown = 'sts:AssumeRoleWithWebIdentity') => policy({ Effect: 'Allow', Principal: { Federated }, Action, Condition });
const tagged = (Condition: unknown) => web(bk, Condition, ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity']);

// Buildkite, "OIDC with AWS" (https://buildkite.com/docs/pipelines/security/oidc/aws): the trust
// policy pins the caller with session tags, not sub.
ruleTests(oidcMissingSub, {
  valid: [
    {
      name: 'Buildkite: the documented session tags (organization_slug, organization_id) pin the caller',
      text: tagged({
        StringEquals: {
          'agent.buildkite.com:aud': 'sts.amazonaws.com',
          'aws:RequestTag/organization_slug': 'example-org',
          'aws:RequestTag/organization_id': 'ab3883b1-9596-4312-a09c-4527ae997ba7',
          'aws:RequestTag/pipeline_slug': 'example-pipeline',
          'aws:RequestTag/build_branch': 'main',
        },
      }),
    },
    { name: 'Buildkite: organization_id alone, tag key in another case', text: tagged({ StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'aws:requesttag/Organization_ID': 'ab3883b1-9596-4312-a09c-4527ae997ba7' } }) },
    // The plugin's README tests the tags with ForAnyValue:StringEquals.
    { name: 'Buildkite: ForAnyValue:StringEquals on the tags', text: tagged({ StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' }, 'ForAnyValue:StringEquals': { 'aws:RequestTag/organization_slug': 'ORG_SLUG' } }) },
    { name: 'Google: aud (the client or service account ID)', text: web('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '100018646976219416293' } }) },
    { name: 'Google: sub (the numeric account ID)', text: web('accounts.google.com', { StringEquals: { 'accounts.google.com:oaud': 'sts.amazonaws.com', 'accounts.google.com:sub': '100018646976219416293' } }) },
    { name: 'Azure DevOps: the service connection subject', text: web(az, { StringEquals: { [`${azHost}:aud`]: 'api://AzureADTokenExchange', [`${azHost}:sub`]: 'sc://contoso/web/aws-prod' } }) },
  ],
  invalid: [
    {
      name: 'Buildkite: pipeline_slug and build_branch tags alone pin nobody',
      text: tagged({ StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'aws:RequestTag/pipeline_slug': 'deploy', 'aws:RequestTag/build_branch': 'main' } }),
      errors: [{ token: `"${bk}"`, message: /aws:RequestTag\/organization_id/ }],
    },
    {
      name: 'Buildkite: a negated tag condition shuts nobody out',
      text: tagged({ StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' }, StringNotEquals: { 'aws:RequestTag/organization_slug': 'evil' } }),
      errors: [{ token: `"${bk}"` }],
    },
    {
      name: 'Google: oaud alone is the audience the caller asked for',
      text: web('accounts.google.com', { StringEquals: { 'accounts.google.com:oaud': 'sts.amazonaws.com' } }),
      errors: [{ token: '"accounts.google.com"', message: /accounts\.google\.com:aud/ }],
    },
    {
      name: 'Azure DevOps: aud is the same for the whole organization',
      text: web(az, { StringEquals: { [`${azHost}:aud`]: 'api://AzureADTokenExchange' } }),
      // The issuer is one organization's own: only its pipelines get in (warning, not security).
      errors: [{ token: `"${az}"`, message: /api:\/\/AzureADTokenExchange.*yours alone.*:sub/, severity: 'warning' }],
    },
  ],
});

ruleTests(oidcMissingCondition, {
  valid: [{ name: 'Buildkite: session tags only', text: tagged({ StringEquals: { 'aws:RequestTag/organization_id': 'ab3883b1-9596-4312-a09c-4527ae997ba7' } }) }],
  invalid: [{ name: 'Buildkite: a tag that pins nobody', text: tagged({ StringEquals: { 'aws:RequestTag/pipeline_slug': 'deploy' } }), errors: [{ token: `"${bk}"`, severity: 'security' }] }],
});

ruleTests(oidcSubjectBroad, {
  valid: [web(az, { StringEquals: { [`${azHost}:sub`]: 'sc://contoso/web/aws-prod' } })],
  invalid: [
    { name: 'Azure DevOps: every service connection of a project', text: web(az, { StringLike: { [`${azHost}:sub`]: 'sc://contoso/web/*' } }), errors: [{ token: '"sc://contoso/web/*"', message: /every service connection of project web/ }] },
    { name: 'Azure DevOps: every project', text: web(az, { StringLike: { [`${azHost}:sub`]: 'sc://contoso/*' } }), errors: [{ token: '"sc://contoso/*"', message: /every project of the organization/ }] },
    { name: 'Azure DevOps: pipelines and service connections alike', text: web(az, { StringLike: { [`${azHost}:sub`]: '*://contoso/web/deploy' } }), errors: [{ token: '"*://contoso/web/deploy"', message: /pipeline/ }] },
  ],
});

describe('provider table: Azure DevOps and Google', () => {
  it('recognises the Azure DevOps issuer by organization', () => {
    const facts = identityProviderFacts(azHost);
    assert.equal(facts.name, 'Azure DevOps');
    assert.equal(facts.sharedIssuer, false);
    assert.equal(identityProviderFacts('vstoken.dev.azure.com').name, 'OIDC provider');
  });

  it('Google: aud and sub pin the caller, oaud does not', () => {
    assert.deepEqual([...federatedProvider('accounts.google.com')!.subjectClaims].sort(), ['aud', 'sub']);
    assert.deepEqual(callerPinningClaims('cognito-identity.amazonaws.com'), ['aud', 'sub']);
  });

  it('every provider names its dangerous patterns and a source', () => {
    for (const facts of IDENTITY_PROVIDERS) {
      assert.ok(facts.pitfalls.length > 0, facts.name);
      assert.match(facts.source, /^https:\/\//, facts.name);
    }
  });
});

describe('completion for Azure DevOps and Google', () => {
  const labels = (marked: string) => {
    const offset = marked.indexOf('|');
    return completeAt(marked.slice(0, offset) + marked.slice(offset + 1), offset).candidates.sort((a, b) => a.rank - b.rank);
  };
  const stmt = (federated: string, condition: string) =>
    `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Federated": "${federated}" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { ${condition} } } ] }`;

  it('proposes Azure DevOps\'s audience, subject format and issuer', () => {
    assert.deepEqual(labels(stmt(az, `"StringEquals": { "${azHost}:aud": "|" }`)).map((c) => c.label), ['api://AzureADTokenExchange']);
    assert.deepEqual(labels(stmt(az, `"StringEquals": { "${azHost}:sub": "|" }`)).map((c) => c.label), ['sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION']);
    const principals = labels('{ "Statement": [ { "Principal": { "Federated": "|" } } ] }').map((c) => c.label);
    assert.ok(principals.includes('arn:aws:iam::111122223333:oidc-provider/vstoken.dev.azure.com/ORGANIZATION_ID'));
  });

  it('Google: sub is the numeric account ID; oaud is offered but does not pin', () => {
    assert.deepEqual(labels(stmt('accounts.google.com', '"StringEquals": { "accounts.google.com:sub": "|" }')).map((c) => c.label), ['NUMERIC_ACCOUNT_ID']);
    const keys = labels(stmt('accounts.google.com', '"StringEquals": { "|" }'));
    assert.equal(keys.find((c) => c.label === 'accounts.google.com:oaud')?.detail, 'identity provider claim');
    assert.equal(keys.find((c) => c.label === 'accounts.google.com:aud')?.detail, 'pins the caller');
  });
});

// Amazon Cognito Developer Guide, "Security best practices for Amazon Cognito identity pools":
// "As a best practice, apply both conditions [aud and amr] in all IAM roles that trust the
// identity pools service principal cognito-identity.amazonaws.com."
const cognito = (Condition?: unknown) => web('cognito-identity.amazonaws.com', Condition);
ruleTests(cognitoUnauthenticated, {
  valid: [
    cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
    { name: 'no condition at all is oidc-missing-condition\'s finding', text: cognito() },
    { name: 'amr tested with a provider name', text: cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'graph.facebook.com' } }) },
  ],
  invalid: [
    {
      name: 'aud but no amr: guests and signed-in users alike',
      text: cognito({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' } }),
      errors: [{ token: '"cognito-identity.amazonaws.com"', message: /No condition on cognito-identity\.amazonaws\.com:amr: guest/ }],
    },
  ],
});

describe('hover on a provider\'s condition key (the provider table)', () => {
  const gh = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

  it('says what the claim is, what aud is, which claims pin the caller, the dangerous patterns and the source', () => {
    const text = explainConditionKey('token.actions.githubusercontent.com:sub', [gh]);
    assert.match(text, /claim `sub` of GitHub Actions/);
    assert.match(text, /The claim: repo:OWNER\/REPO:ref:refs\/heads\/BRANCH/);
    assert.match(text, /This claim pins who exactly may assume the role/);
    assert.match(text, /\*\*aud:\*\* "sts\.amazonaws\.com" for every workflow on GitHub.*it pins nobody/);
    assert.match(text, /\*\*Pins the caller:\*\* `sub`, `repository`, `repository_id`/);
    assert.match(text, /- `repo:OWNER\/\*` admits every repository of the owner/);
    assert.match(text, /Source: https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/UserGuide\/id_roles_create_for-idp_oidc\.html/);
  });

  it('a claim that alone pins nobody says so', () => {
    assert.match(explainConditionKey('token.actions.githubusercontent.com:ref', [gh]), /This claim alone pins nobody/);
    assert.match(explainConditionKey('accounts.google.com:oaud', ['accounts.google.com']), /audience the caller asked for[\s\S]*alone pins nobody/);
  });

  it('explains claims the IAM data lists too (Cognito), with their type', () => {
    const text = explainConditionKey('cognito-identity.amazonaws.com:amr', ['cognito-identity.amazonaws.com']);
    assert.match(text, /Amazon Cognito identity pools/);
    assert.match(text, /multi-valued/);
    assert.match(text, /no `amr` condition admits guests and signed-in users alike/);
  });

  it('a key of a provider the table knows but the statement does not trust', () => {
    assert.match(explainConditionKey(`${azHost}:sub`, []), /Azure DevOps[\s\S]*does not trust/);
    assert.equal(explainConditionKey('login.example.org:sub', []), '**login.example.org:sub**: not a condition key IAM knows.');
  });

  it('Buildkite\'s session tags say whether they pin the caller', () => {
    assert.match(explainConditionKey('aws:RequestTag/organization_id', [bk]), /Buildkite passes its claims as session tags: this tag pins who exactly/);
    assert.match(explainConditionKey('aws:RequestTag/pipeline_slug', [bk]), /this tag alone pins nobody/);
    assert.doesNotMatch(explainConditionKey('aws:RequestTag/organization_id', [gh]), /session tags/);
  });
});

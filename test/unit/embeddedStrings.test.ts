import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedFixes, extractPolicies, lintEmbedded } from '../../src/policy/embedded';
import { findingsIn, fixtureReader, options } from './embeddedFindings';

// Issue 13: CloudFormation trust policies written as JSON strings (block scalars, Fn::Sub,
// JSON in JSON), templates nested in a StackSet's TemplateBody, and Federated principals that
// refer to the template's own OIDC provider or to a parameter's default.
const fixture = fixtureReader('embedded-cases');

const findings = (name: string, text = fixture(name)) => findingsIn(name, text);

describe('CloudFormation policies written as JSON strings', () => {
  it('reads a block scalar, a Fn::Sub template (with its variables and pseudo parameters), a quoted string, and a nested TemplateBody', () => {
    assert.deepEqual(extractPolicies(fixture('policy-strings.yaml'), 'cloudformation', options).map((p) => p.name), ['PublicRole', 'SubRole', 'QuotedRole', 'GithubRole', 'TargetAccounts/NestedRole']);
  });

  it('reports at the tokens inside the strings', () => {
    assert.deepEqual(findings('policy-strings.yaml'), [
      // Block scalar: no Version (at the key that holds the policy), and a public principal.
      '18:7 version-missing AssumeRolePolicyDocument',
      '25:37 public-principal "*"',
      // Fn::Sub: ${TagKey} is the Sub's own variable, ${AWS::AccountId} the account; ${Team} is
      // unknown, but the * after it is literal under StringEquals.
      '41:63 wildcard-without-like "${Team}-*"',
      // A quoted JSON string.
      '48:85 effect-invalid "allow"',
      // Federated: !Ref / !GetAtt of the template's OIDC provider, !Ref of a parameter's Default.
      // Resolved, the three statements are one: redundant-statement (a suggestion) on the 2nd and 3rd.
      '63:31 oidc-missing-sub GithubOidc',
      '67:13 redundant-statement Effect',
      '70:34 oidc-missing-sub GithubOidc.Arn',
      '74:13 redundant-statement Effect',
      '77:31 oidc-missing-sub GithubProviderArn',
      // The StackSet's nested template.
      '97:28 public-principal "*"',
    ]);
  });

  it('reads JSON in a JSON string, and a YAML template in a StackSet\'s JSON TemplateBody string, at the escaped tokens', () => {
    assert.deepEqual(findings('policy-strings.template.json'), ['8:97 effect-invalid \\"allow\\"', '15:252 public-principal \\"*\\"']);
  });

  it('reports a JSON string that is not valid JSON as a policy file would be, at its place', () => {
    const text = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: '{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\",}]}'\n";
    assert.deepEqual(findings('t.yaml', text), ['5:167 json-syntax ,']);
  });

  it('maps to the whole string when a character cannot be placed exactly (a multi-line double-quoted scalar)', () => {
    const text = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: "{\\"Statement\\": [{\\"Effect\\": \\"allow\\",\n        \\"Principal\\": {\\"Service\\": \\"ec2.amazonaws.com\\"}, \\"Action\\": \\"sts:AssumeRole\\"}]}"\n';
    const found = lintEmbedded(text, 'cloudformation', options);
    assert.deepEqual(found.map((f) => f.code).sort(), ['effect-invalid', 'version-missing']);
    const effect = found.find((f) => f.code === 'effect-invalid')!;
    assert.equal(text.slice(effect.offset, effect.offset + effect.length), text.slice(text.indexOf('"{'), text.lastIndexOf('"') + 1));
    // No quick fix there: it would replace the whole string.
    assert.deepEqual(embeddedFixes(text, 'cloudformation', effect.offset, 'effect-invalid', options), []);
  });

  it('offers a quick fix inside a block scalar, in JSON quoting, but not inside an escaped JSON string', () => {
    const yaml = fixture('policy-strings.yaml');
    const at = yaml.indexOf('"allow"');
    assert.deepEqual(embeddedFixes(yaml, 'cloudformation', at, 'effect-invalid', options)[0]?.edits, [{ offset: at, length: 7, content: '"Allow"' }]);
    const json = fixture('policy-strings.template.json');
    assert.deepEqual(embeddedFixes(json, 'cloudformation', json.indexOf('\\"allow\\"'), 'effect-invalid', options), []);
  });

  it('leaves a Fn::Sub policy that is JSON only once substituted unread, rather than report its syntax, and says so', () => {
    const text = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: !Sub |\n        {"Version": "2012-10-17", "Statement": ${Statements}}\n';
    const found = lintEmbedded(text, 'cloudformation', options);
    assert.deepEqual(found.map((f) => `${f.code} ${f.severity}`), ['template-part-not-checked suggestion']);
    assert.match(found[0]!.message, /not JSON until it is substituted/);
  });

  it('a Federated Ref to the AWS CDK OIDC provider custom resource is that provider (cdk synth output)', () => {
    // Shape: what `cdk synth` makes of iam.OpenIdConnectProvider and a role trusting it (aws-cdk-lib
    // aws-iam: the provider is a Custom::AWSCDKOpenIdConnectProvider whose Ref is its ARN).
    const template = (condition: string) => JSON.stringify({
      Resources: {
        GithubProvider: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] } },
        DeployRole: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: { Ref: 'GithubProvider' } }, Condition: JSON.parse(condition) }] } },
        },
      },
    }, null, 1);
    const audienceOnly = template('{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}');
    // Before: nothing (the provider was unknown).
    assert.deepEqual(lintEmbedded(audienceOnly, 'cloudformation', options).map((f) => f.code), ['oidc-missing-sub']);
    const pinned = template('{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}');
    assert.deepEqual(lintEmbedded(pinned, 'cloudformation', options).map((f) => f.code), []);
    // The custom resource has no Arn attribute: GetAtt of it stays unknown.
    assert.deepEqual(lintEmbedded(audienceOnly.replace('{"Ref":"GithubProvider"}', '{"Fn::GetAtt":["GithubProvider","Arn"]}').replace(/"Ref": "GithubProvider"/, '"Fn::GetAtt": ["GithubProvider", "Arn"]'), 'cloudformation', options).map((f) => f.code), []);
  });

  it('a Federated !Ref to anything else stays unknown', () => {
    const text = fixture('policy-strings.yaml').replace('Federated: !Ref GithubProviderArn', 'Federated: !Ref Team');
    assert.ok(!findings('policy-strings.yaml', text).some((f) => f.startsWith('77:')));
    assert.ok(findings('policy-strings.yaml').some((f) => f.startsWith('77:')));
  });
});

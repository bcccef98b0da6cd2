import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedFixes, embeddedPolicyAt, embeddingKind, extractPolicies, lintEmbedded } from '../../src/policy/embedded';
import { parseHcl } from '../../src/policy/embedded/hcl';
import { findingsIn, fixtureReader, options } from './embeddedFindings';

const fixture = fixtureReader('embedded');

const findings = (name: string, text = fixture(name)) => findingsIn(name, text);

describe('trust policies in CloudFormation and SAM templates', () => {
  it('finds every AssumeRolePolicyDocument, named by its logical ID', () => {
    assert.deepEqual(extractPolicies(fixture('sam-function.yaml'), 'cloudformation', options).map((p) => p.name), ['HelloRole', 'DeployRole', 'PublicRole']);
  });

  it('reports at the YAML token; intrinsic functions are values computed at deploy time, not errors', () => {
    assert.deepEqual(findings('sam-function.yaml'), [
      '33:21 effect-invalid allow',
      '36:21 action-invalid sts:AssumeRoles',
      // Missing from the document: reported at the key that holds it.
      '44:7 version-missing AssumeRolePolicyDocument',
      "48:20 public-principal '*'",
    ]);
  });

  it('reads CDK\'s synthesized JSON; Fn::Join of known parts is known, and feeds the cross-account check', () => {
    assert.deepEqual(findings('cdk-synth.template.json'), ['28:24 cross-account-without-external-id { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::444455556666:root"]] }']);
  });

  it('resolves AWS::AccountId to the configured account, and leaves other references unknown', () => {
    const template = (principal: string) => `Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: ${principal}\n            Action: sts:AssumeRole\n`;
    assert.deepEqual(lintEmbedded(template('!Sub arn:aws:iam::${AWS::AccountId}:root'), 'cloudformation', options), [], 'the same account');
    assert.deepEqual(lintEmbedded(template('!Ref TrustedPrincipal'), 'cloudformation', options), [], 'unknown: not judged');
    assert.deepEqual(lintEmbedded(template('!Sub "arn:aws:iam::${!Literal}:root"'), 'cloudformation', options).map((f) => f.code), ['principal-invalid'], '${!x} is a literal ${x}');
    assert.deepEqual(
      lintEmbedded(template('!Sub arn:aws:iam::999988887777:root'), 'cloudformation', options).map((f) => f.code),
      ['cross-account-without-external-id'],
      'a !Sub without variables is fully known',
    );
  });

  it('reads policies the same way whether their blocks are parsed alone or with the whole template (anchors, lists, comments)', () => {
    const base = fixture('sam-function.yaml');
    // An alias makes a block refer outside itself: the whole template is parsed instead.
    const withAlias = base.replace('Parameters:\n  TrustedAccount:\n    Type: String', 'Parameters:\n  TrustedAccount:\n    Type: String\nMappings:\n  Shared: &principal\n    AWS: "*"').replace("Principal:\n              AWS: '*'", 'Principal: *principal');
    const aliased = lintEmbedded(withAlias, 'cloudformation', options);
    assert.deepEqual(aliased.map((f) => f.code).sort(), ['action-invalid', 'effect-invalid', 'public-principal', 'version-missing']);
    // The public principal is reported where the aliased value is written: at the anchor.
    assert.equal(withAlias.split('\n')[aliased.find((f) => f.code === 'public-principal')!.range.start.line - 1], '    AWS: "*"');
    // Comments and blank lines inside a block, a flow mapping, a block that ends the file.
    const flow = "Resources:\n  A:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n\n        # who\n        Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: 'sts:AssumeRole'}]\n# end\n        Version: '2012-10-17'";
    assert.deepEqual(lintEmbedded(flow, 'cloudformation', options).map((f) => `${f.range.start.line} ${f.code}`), ['8 public-principal']);
  });

  it('reports duplicate keys that YAML would otherwise merge', () => {
    const text = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Version: '2008-10-17'\n        Statement: []\n";
    assert.ok(lintEmbedded(text, 'cloudformation', options).some((f) => f.code === 'duplicate-key' && f.range.start.line === 7));
  });

  it('recognises templates by content, and leaves other YAML and JSON alone', () => {
    assert.equal(embeddingKind('template.yaml', fixture('sam-function.yaml')), 'cloudformation');
    assert.equal(embeddingKind('x.template.json', fixture('cdk-synth.template.json')), 'cloudformation');
    assert.equal(embeddingKind('docker-compose.yml', 'services:\n  web:\n    image: nginx\n'), undefined);
    assert.equal(embeddingKind('trust.json', '{"Version":"2012-10-17","Statement":[]}'), undefined);
    assert.equal(embeddingKind('main.tf', ''), 'terraform');
  });

  it('never throws on broken templates', () => {
    for (const text of ['Resources: [', 'AWSTemplateFormatVersion: x\nResources:\n  R: !If [', '{"AWSTemplateFormatVersion": ', '\t- :', '']) {
      assert.doesNotThrow(() => lintEmbedded(text, 'cloudformation', options));
    }
  });
});

describe('CloudFormation: the Region stand-in in messages', () => {
  it('names a regional service principal as the template writes it, not with the stand-in Region', () => {
    // Shape: the Step Functions workflows collection's SAM templates (held-out set 5):
    // Service: !Sub states.${AWS::Region}.amazonaws.com. The message said states.us-east-1.amazonaws.com.
    const role = (service: string) =>
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: ${service}\n            Action: sts:AssumeRole\n`;
    for (const service of ['!Sub states.${AWS::Region}.amazonaws.com', "!Join ['', [states., !Ref 'AWS::Region', .amazonaws.com]]"]) {
      const [finding, ...rest] = lintEmbedded(role(service), 'cloudformation', options);
      assert.equal(rest.length, 0, service);
      assert.equal(finding?.code, 'service-confused-deputy', service);
      assert.match(finding!.message, /^states\.\$\{AWS::Region\}\.amazonaws\.com gets this role through iam:PassRole/, service);
      assert.doesNotMatch(finding!.message, /us-east-1/, service);
    }
    // A Region written out stays as written.
    assert.match(lintEmbedded(role('states.eu-west-1.amazonaws.com'), 'cloudformation', options)[0]!.message, /states\.eu-west-1\.amazonaws\.com/);
  });
});

describe('line numbers in messages', () => {
  it('"already used on line N" names the line in the template, not in the policy as serialized (line 1)', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: One\n            Effect: Allow\n            Principal: { AWS: '111122223333' }\n            Action: sts:AssumeRole\n          - Sid: One\n            Effect: Allow\n            Principal: { AWS: '111122223333' }\n            Action: sts:TagSession\n`;
    const duplicate = lintEmbedded(text, 'cloudformation', options).find((f) => f.code === 'sid-duplicate');
    assert.match(duplicate?.message ?? '', /already used on line 9:/);
    assert.equal(duplicate?.related?.[0]?.range.start.line, 9);
  });
});

describe('trust policies in Terraform', () => {
  it('finds jsonencode, heredoc and aws_iam_policy_document policies', () => {
    assert.deepEqual(extractPolicies(fixture('broken-roles.tf'), 'terraform', options).map((p) => p.name), [
      'resource.aws_iam_role.vendor',
      'resource.aws_iam_role.legacy',
      'data.aws_iam_policy_document.anyone',
      'resource.aws_iam_role.ci',
    ]);
  });

  it('reports at the HCL token', () => {
    assert.deepEqual(findings('broken-roles.tf'), [
      '6:19 effect-invalid "allow"',
      '22:21 action-invalid "sts:AssumeRoles"',
      '34:22 public-principal "*"',
      '45:33 oidc-missing-sub "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"',
    ]);
  });

  it('finds nothing wrong in the common clean modules: GitHub OIDC with jsonencode, EKS IRSA with a policy document', () => {
    assert.deepEqual(findings('github-oidc-role.tf'), []);
    assert.deepEqual(findings('irsa-policy-document.tf'), []);
    assert.deepEqual(extractPolicies(fixture('irsa-policy-document.tf'), 'terraform', options).map((p) => p.name), ['data.aws_iam_policy_document.irsa']);
  });

  it('renders a policy document as the data source does: Version and Effect implied, conditions grouped', () => {
    const text = 'data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::999988887777:root"]\n    }\n    condition {\n      test = "StringEquals"\n      variable = "sts:ExternalId"\n      values = ["x-1"]\n    }\n  }\n}\n';
    assert.deepEqual(lintEmbedded(text, 'terraform', options), [], 'ExternalId present: the cross-account principal is fine');
    const without = text.replace(/    condition \{[\s\S]*?\n    \}\n/, '');
    const found = lintEmbedded(without, 'terraform', options);
    assert.deepEqual(found.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.code}`), ['6:22 cross-account-without-external-id']);
  });

  it('parses the HCL that policies are written in: comments, quoted and colon keys, calls, heredocs', () => {
    const root = parseHcl(
      [
        '# comment',
        'resource "aws_iam_role" "r" { // trailing',
        '  /* block */ name = "r-${var.env}"',
        '  assume_role_policy = jsonencode({ "Version": "2012-10-17", Statement: [{ Effect = "Allow", Action = ["sts:AssumeRole"], Principal = { Service = "ec2.amazonaws.com" } }] })',
        '  tags = merge(local.tags, { x = var.y ? "a" : "b" })',
        '  policy = <<EOF',
        '{"a": 1}',
        'EOF',
        '}',
      ].join('\n'),
    );
    const role = root.blocks[0]!;
    assert.deepEqual([role.type, ...role.labels], ['resource', 'aws_iam_role', 'r']);
    assert.deepEqual(role.attributes.map((a) => [a.name, a.value.type]), [
      ['name', 'string'],
      ['assume_role_policy', 'call'],
      ['tags', 'call'],
      ['policy', 'heredoc'],
    ]);
    const call = role.attributes[1]!.value as { args: Array<{ type: string; entries: Array<{ key: string }> }> };
    assert.deepEqual(call.args[0]!.entries.map((e) => e.key), ['Version', 'Statement']);
  });

  it('leaves what it does not evaluate unknown, and never throws', () => {
    const text = 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [for s in var.statements : s]\n  })\n}\n';
    assert.deepEqual(lintEmbedded(text, 'terraform', options).map((f) => f.code), []);
    for (const broken of ['resource "x" {', 'a = "unterminated', 'b = <<EOF\nno end', 'c = jsonencode({ Statement = [', '}}}', 'x = {for k, v in y : k => v}']) {
      assert.doesNotThrow(() => lintEmbedded(broken, 'terraform', options));
    }
  });
});

describe('hover and quick fixes inside templates', () => {
  it('explains the token under the cursor as the engine sees it', () => {
    const text = fixture('sam-function.yaml');
    const at = embeddedPolicyAt(text, 'cloudformation', text.indexOf('sts:AssumeRoles') + 3, options);
    assert.ok(at);
    assert.equal(at.json.slice(at.offset - 1, at.offset + 16), '"sts:AssumeRoles"');
    assert.equal(text.slice(at.source.start, at.source.end), 'sts:AssumeRoles');
    assert.equal(embeddedPolicyAt(text, 'cloudformation', text.indexOf('Runtime'), options), undefined, 'outside any policy');
  });

  it('replaces a token in the file\'s own syntax: plain YAML, quoted HCL', () => {
    const yaml = fixture('sam-function.yaml');
    const [effect] = embeddedFixes(yaml, 'cloudformation', yaml.indexOf('allow'), 'effect-invalid', options);
    assert.deepEqual(effect?.edits, [{ offset: yaml.indexOf('allow'), length: 5, content: 'Allow' }]);
    // The original quoting is kept.
    const legacy = yaml.replace("Version: '2012-10-17'", "Version: '2008-10-17'");
    const at2008 = legacy.indexOf("'2008-10-17'");
    const [version] = embeddedFixes(legacy, 'cloudformation', at2008, 'version-legacy', options);
    assert.deepEqual(version?.edits, [{ offset: at2008, length: 12, content: "'2012-10-17'" }]);

    const tf = fixture('broken-roles.tf');
    const at = tf.indexOf('"allow"');
    const [fixed] = embeddedFixes(tf, 'terraform', at, 'effect-invalid', options);
    assert.deepEqual(fixed?.edits, [{ offset: at, length: 7, content: '"Allow"' }]);
    // A fix that inserts an element has no place to go in HCL: not offered.
    const sub = tf.indexOf('"arn:aws:iam::111122223333:oidc-provider');
    assert.deepEqual(embeddedFixes(tf, 'terraform', sub, 'oidc-missing-sub', options), []);
  });
});

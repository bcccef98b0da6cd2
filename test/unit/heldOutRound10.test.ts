import assert from 'node:assert/strict';
import { it } from 'node:test';
import { embeddingKind, lintEmbedded } from '../../src/policy/embedded';
import { findingsIn, options } from './embeddedFindings';

// What held-out sets 10–12 (2026-12-02; /work/notes/heldout-1{0,1,2}.md, truth in
// test/fixtures/corpus/truth.json) showed the readers of templates and Terraform missing, each
// with the smallest input that shows it.

const codes = (name: string, text: string) => findingsIn(name, text).map((f) => f.split(' ')[1]);
const lintTf = (text: string) => lintEmbedded(text, embeddingKind('main.tf', text)!, options);

// Set 11: AWS Solutions' Operations Conductor trusts `!FindInMap [MasterAccount, Account, Id]`,
// which maps to the placeholder "%%MASTER_ACCOUNT%%": IAM refuses it, as it does written out.
const findInMap = (key: string, value = '"ACCOUNT-B-ID"') => `AWSTemplateFormatVersion: "2010-09-09"
Mappings: {MasterAccount: {Account: {Id: ${value}}}, RegionMap: {us-east-1: {Id: "ACCOUNT-B-ID"}}}
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {AWS: ${key}}, Action: sts:AssumeRole}]
`;

it('CloudFormation: Fn::FindInMap with its three names written out is the mapped value', () => {
  assert.ok(codes('t.yaml', findInMap('!FindInMap [MasterAccount, Account, Id]')).includes('principal-invalid'));
  assert.ok(codes('t.yaml', findInMap('{"Fn::FindInMap": [MasterAccount, Account, Id]}')).includes('principal-invalid'));
  // A valid mapped account is judged as one: nothing wrong with it.
  assert.deepEqual(codes('t.yaml', findInMap('!FindInMap [MasterAccount, Account, Id]', '"111122223333"')).filter((c) => c === 'principal-invalid'), []);
  // A key computed by another intrinsic (the Region is a stand-in here), a missing entry: unknown, as before.
  assert.deepEqual(codes('t.yaml', findInMap('!FindInMap [RegionMap, !Ref "AWS::Region", Id]')).filter((c) => c === 'principal-invalid'), []);
  assert.deepEqual(codes('t.yaml', findInMap('!FindInMap [MasterAccount, Account, Other]')).filter((c) => c === 'principal-invalid'), []);
});

// Set 10: GitLab, Bitbucket and CircleCI modules make the OIDC provider beside the role and
// trust `aws_iam_openid_connect_provider.NAME.arn`. With its url written out, that is a known
// issuer: an unconditioned trust of gitlab.com lets every GitLab.com project in.
const gitlab = (url: string, principal: 'document' | 'jsonencode', condition = '') => `resource "aws_iam_openid_connect_provider" "gl" {
  url             = ${url}
  client_id_list  = ["https://gitlab.com"]
  thumbprint_list = ["x"]
}
${
  principal === 'document'
    ? `data "aws_iam_policy_document" "x" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.gl.arn]
    }
${condition}  }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.x.json
}`
    : `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = aws_iam_openid_connect_provider.gl.arn } }]
  })
}`
}
`;

it('Terraform: a role trusting aws_iam_openid_connect_provider.NAME.arn trusts the issuer of its url', () => {
  for (const shape of ['document', 'jsonencode'] as const) {
    const found = findingsIn('main.tf', gitlab('"https://gitlab.com"', shape));
    assert.ok(found.some((f) => / oidc-missing-condition aws_iam_openid_connect_provider\.gl\.arn/.test(f)), `${shape}: ${found.join('; ')}`);
  }
  // Pinned by its claims: nothing to report of the provider.
  const pinned = `    condition {
      test     = "StringEquals"
      variable = "gitlab.com:sub"
      values   = ["project_path:acme/app:ref_type:branch:ref:main"]
    }
    condition {
      test     = "StringEquals"
      variable = "gitlab.com:aud"
      values   = ["https://gitlab.com"]
    }
`;
  assert.deepEqual(codes('main.tf', gitlab('"https://gitlab.com"', 'document', pinned)).filter((c) => c.startsWith('oidc')), []);
  // A url computed from a variable, pinned by conditions on its claims: nothing to say.
  assert.deepEqual(codes('main.tf', gitlab('var.gitlab_url', 'document', pinned.replaceAll('gitlab.com:', '${var.gitlab_host}:'))).filter((c) => c.startsWith('oidc')), []);
});

it('CloudFormation: a mapped value holding ${…} is the placeholder of an earlier rendering step: unknown', () => {
  // checkov's parser-success_triple_quotes_string.json: "organizationID": "${account_id}".
  assert.deepEqual(codes('t.yaml', findInMap('!FindInMap [MasterAccount, Account, Id]', '"${account_id}"')).filter((c) => c === 'principal-invalid'), []);
});

it('a web-identity trust of a computed provider with no condition at all: every identity of its issuer gets in (warning)', () => {
  // Set 10: kary-ajrj's GitLab module, `url = var.gitlab_url`.
  const tf = findingsIn('main.tf', gitlab('var.gitlab_url', 'document'));
  assert.deepEqual(tf, ['11:22 oidc-missing-condition aws_iam_openid_connect_provider.gl.arn'], tf.join('; '));
  const [finding] = lintTf(gitlab('var.gitlab_url', 'document'));
  assert.equal(finding!.severity, 'warning');
  assert.match(finding!.message, /^Any identity of <the issuer of \$\{aws_iam_openid_connect_provider\.gl\.arn\}> can assume this role/);
  // CloudFormation: a parameter with no Default.
  const cfn = `Parameters: {ProviderArn: {Type: String}}
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Federated: !Ref ProviderArn}, Action: sts:AssumeRoleWithWebIdentity}]
`;
  assert.deepEqual(codes('t.yaml', cfn), ['oidc-missing-condition']);
  // Any condition (it may pin the issuer's claims), a SAML or wildcard action, or an unknown
  // AWS principal: nothing to say, as before.
  assert.deepEqual(codes('t.yaml', cfn.replace('Action: sts:AssumeRoleWithWebIdentity', 'Action: sts:AssumeRoleWithWebIdentity, Condition: {StringEquals: {"${Issuer}:sub": x}}')), []);
  assert.deepEqual(codes('t.yaml', cfn.replace('sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML')), []);
  assert.deepEqual(codes('t.yaml', cfn.replace('sts:AssumeRoleWithWebIdentity', '"sts:*"')).filter((c) => c.startsWith('oidc')), []);
  assert.deepEqual(codes('t.yaml', cfn.replace('Federated', 'AWS').replace('sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole')), []);
});

it('Terraform: assume_role_policy = local.NAME is the local\'s policy, read where the locals block writes it', () => {
  // Set 12: a public trust in a local was dropped without a word.
  const publicTrust = `{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }] }`;
  const viaLocal = `locals {
  trust = jsonencode(${publicTrust})
}
resource "aws_iam_role" "a" { assume_role_policy = local.trust }
resource "aws_iam_role" "b" { assume_role_policy = local.trust }
`;
  // Once, at the local (two roles use it).
  assert.deepEqual(codes('main.tf', viaLocal), ['public-principal']);
  const encodedHere = `locals {
  trust = ${publicTrust}
}
resource "aws_iam_role" "a" { assume_role_policy = jsonencode(local.trust) }
`;
  assert.deepEqual(codes('main.tf', encodedHere), ['public-principal']);
  const heredoc = `locals {
  trust = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}}]}
EOF
}
resource "aws_iam_role" "a" { assume_role_policy = local.trust }
`;
  assert.deepEqual(codes('main.tf', heredoc), ['public-principal']);
  // A local no role uses is not a trust policy: nothing is read from it.
  assert.deepEqual(codes('main.tf', viaLocal.replace(/resource[^\n]*\n/g, '')), []);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPolicies, lintEmbedded } from '../../src/policy/embedded';
import { findingsIn, fixtureReader, options } from './embeddedFindings';

// Issue 13: Terraform values computed at plan time are not judged as literals; dynamic blocks
// are unknown, not missing; resource policies written as aws_iam_policy_document are not trust
// policies. Tests run from out/test/unit; the fixtures are in the repository.
const fixture = fixtureReader('embedded-cases');

const findings = (name: string, text = fixture(name)) => findingsIn(name, text);

/** A GitHub role in jsonencode whose sub condition is `operator: value` (shape: the GitHub OIDC roles of issue 13's corpus). */
const githubRole = (operator: string, sub: string) => `resource "aws_iam_role" "gh" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        ${operator} = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = ${sub}
        }
      }
    }]
  })
}
`;

describe('Terraform: computed keys and values (issue 13, class 7)', () => {
  it('a computed condition key, operator or principal type is a key of unknown name: no condition-key-invalid, condition-operator-invalid or duplicate-key', () => {
    // Before: "${variable}" twice (duplicate-key "first on line 1"), "${test}" (condition-operator-invalid).
    assert.deepEqual(findings('github-oidc-computed.tf'), []);
  });

  it('a computed key in jsonencode is kept, so its block is not empty (the IRSA pattern)', () => {
    // Before: the "${replace(…)}:sub" keys were dropped and StringEquals reported as empty-value.
    const irsa = extractPolicies(fixture('github-oidc-computed.tf'), 'terraform', options).find((p) => p.name === 'resource.aws_iam_role.irsa');
    assert.ok(irsa);
    const statement = (irsa.value as { entries: Array<{ key: string; value: { items: Array<{ entries: Array<{ key: string; value: unknown }> }> } }> }).entries.find((e) => e.key === 'Statement')!.value.items[0]!;
    const condition = statement.entries.find((e) => e.key === 'Condition')!.value as { entries: Array<{ value: { entries: Array<{ key: string; keyUnknown?: boolean }> } }> };
    assert.deepEqual(
      condition.entries[0]!.value.entries.map((e) => [e.key, e.keyUnknown]),
      [
        ['${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub', true],
        ['${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:aud', true],
      ],
    );
  });

  it('a value with interpolations is judged on its literal parts: a * in a StringEquals value is literal', () => {
    const text = githubRole('StringEquals', '"repo:${var.org}/${var.repo}:*"');
    assert.deepEqual(findings('main.tf', text), ['11:55 wildcard-without-like "repo:${var.org}/${var.repo}:*"']);
    // A * that only a computed part holds (a splat) is not a literal one; StringLike is right.
    assert.deepEqual(findings('main.tf', githubRole('StringEquals', '"repo:${aws_x.y.*.name}/r:main"')), []);
    assert.deepEqual(findings('main.tf', githubRole('StringLike', '"repo:${var.org}/${var.repo}:*"')), []);
  });

  it('heredoc JSON: a computed key is a key of unknown name too; beside a known provider, a claim of a computed issuer is its claim', () => {
    const text = 'resource "aws_iam_role" "r" {\n  assume_role_policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",\n "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"},\n "Condition": {"StringEquals": {"${local.issuer}:sub": "system:serviceaccount:a:b", "${local.issuer}:aud": "sts.amazonaws.com"}}}]}\nEOF\n}\n';
    // Before: condition-key-invalid on both keys, and oidc-missing-sub.
    assert.deepEqual(findings('main.tf', text), []);
    // The claim still counts: without a sub claim, the subject is not pinned.
    assert.deepEqual(findings('main.tf', text.replace('"${local.issuer}:sub": "system:serviceaccount:a:b", ', '')).map((f) => f.split(' ')[1]), ['oidc-missing-sub']);
  });
});

describe('Terraform: dynamic blocks (issue 13)', () => {
  it('a policy document made only of dynamic "statement" blocks has an unknown Statement, not an empty one', () => {
    // Before: statement-missing; and `[0].json` was not recognised as a reference.
    assert.deepEqual(extractPolicies(fixture('dynamic-and-resource-policies.tf'), 'terraform', options).map((p) => p.name), ['data.aws_iam_policy_document.assume_role_with_oidc']);
    assert.deepEqual(findings('dynamic-and-resource-policies.tf'), []);
  });

  it('a document that only merges others (override_policy_documents …) has an unknown Statement, not an empty one', () => {
    // Shape: cloudposse/terraform-aws-iam-role main.tf, data "aws_iam_policy_document" "assume_role_aggregated".
    // Before: statement-missing (error) "Statement is empty: nobody can assume this role".
    for (const attribute of ['override_policy_documents', 'source_policy_documents', 'source_json', 'override_json']) {
      const value = attribute.endsWith('json') ? 'var.assume_role_policy' : '[var.assume_role_policy]';
      const text = `data "aws_iam_policy_document" "aggregated" {\n  count = 1\n  ${attribute} = ${value}\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = one(data.aws_iam_policy_document.aggregated[*].json)\n}\n`;
      assert.deepEqual(findings('main.tf', text), [], attribute);
    }
    // Without merging, an empty document is still reported.
    assert.deepEqual(findings('main.tf', 'data "aws_iam_policy_document" "empty" {\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.empty.json\n}\n').map((f) => f.split(' ')[1]), ['statement-missing']);
  });

  it('a dynamic "principals" block is a principal of unknown type: no principal-missing', () => {
    const text =
      'data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    dynamic "principals" {\n      for_each = var.principals\n      content {\n        type        = principals.value.type\n        identifiers = principals.value.identifiers\n      }\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n';
    assert.deepEqual(findings('main.tf', text), []);
  });
});

describe('Terraform: aws_iam_policy_document takes strings', () => {
  it('a number or a bool where a string belongs is the string Terraform makes of it; in jsonencode a number stays a number', () => {
    // Shape: New Relic's cloud-integrations example (newrelic/terraform-provider-newrelic,
    // examples/cloud-integrations/aws/main.tf): identifiers = [754728514883]. Before: principal-invalid
    // (error) "A principal must be a string, not a number".
    const document = (identifiers: string, values: string) =>
      `data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "AWS"\n      identifiers = ${identifiers}\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ${values}\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n`;
    const codes = (text: string) => findings('main.tf', text).map((f) => f.split(' ')[1]);
    assert.deepEqual(codes(document('[754728514883]', '[true]')), codes(document('["754728514883"]', '["true"]')));
    assert.ok(!codes(document('[754728514883]', '[true]')).includes('principal-invalid'));
    const encoded = 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = 754728514883 } }]\n  })\n}\n';
    assert.ok(codes(encoded).includes('principal-invalid'));
  });
});

describe('Terraform: a computed condition key decides public-principal and cross-account-without-external-id', () => {
  it('public-principal is a suggestion that names the key: it may be aws:PrincipalOrgID', () => {
    const text = `data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type = "AWS"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "StringEquals"\n      variable = var.key\n      values = ["o-abcdefghij"]\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n`;
    const found = lintEmbedded(text, 'terraform', options).filter((f) => f.code === 'public-principal');
    assert.deepEqual(found.map((f) => f.severity), ['suggestion']);
    assert.match(found[0]!.message, /Whether the condition on \$\{var\.key\} says who the caller is decides this/);
  });

  it('cross-account-without-external-id inside a declared zone is a suggestion: the computed key may be sts:ExternalId', () => {
    const text = `data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::444455556666:root"]\n    }\n    condition {\n      test = "StringEquals"\n      variable = var.key\n      values = [var.external_id]\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n`;
    const found = lintEmbedded(text, 'terraform', { accountId: '111122223333' }).filter((f) => f.code === 'cross-account-without-external-id');
    assert.deepEqual(found.map((f) => f.severity), ['suggestion']);
    assert.match(found[0]!.message, /whether the condition on \$\{var\.key\} is sts:ExternalId decides this/);
    // A known key that is not sts:ExternalId: security, as before.
    const known = lintEmbedded(text.replace('var.key', '"aws:PrincipalTag/team"'), 'terraform', { accountId: '111122223333' }).filter((f) => f.code === 'cross-account-without-external-id');
    assert.deepEqual(known.map((f) => f.severity), ['security']);
  });
});

describe('Terraform: several principals or condition blocks of one kind', () => {
  it('principals blocks of one type make one list, as the provider renders them; so do condition blocks of one test and variable', () => {
    // Shape: aws-ia/terraform-aws-mwaa data.tf (held-out set 6): six `principals` blocks of type
    // Service in one statement. Before: duplicate-key (error) "only one of them takes effect", 5 times.
    const text = `data "aws_iam_policy_document" "t" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["airflow.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["airflow-env.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.t.json
}
`;
    const [policy] = extractPolicies(text, 'terraform', options);
    assert.ok(policy);
    assert.deepEqual(findings('main.tf', text).filter((f) => f.includes(' duplicate-key ')), []);
    // The second block's identifier is still judged at its own place.
    const wrongCase = text.replace('"airflow-env.amazonaws.com"', '"Airflow-env.amazonaws.com"');
    assert.deepEqual(findings('main.tf', wrongCase).filter((f) => f.includes('service-principal-case')).map((f) => f.split(' ')[0]), ['10:22']);
  });
});

describe('Terraform: which policy documents are trust policies (issue 13)', () => {
  it('a document used as a queue policy is not a trust policy, though it names principals', () => {
    // Before: the SQS queue policy got action-unsupported and resource-not-allowed.
    assert.ok(!extractPolicies(fixture('dynamic-and-resource-policies.tf'), 'terraform', options).some((p) => p.name === 'data.aws_iam_policy_document.queue'));
  });

  it('an unreferenced document: a resource policy (resources, no sts action) is not one; one with an sts action is', () => {
    const doc = (actions: string, resources: string) =>
      `data "aws_iam_policy_document" "d" {\n  statement {\n    actions = [${actions}]\n${resources}    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::111122223333:root"]\n    }\n  }\n}\n`;
    assert.equal(extractPolicies(doc('"s3:GetObject"', '    resources = ["arn:aws:s3:::b/*"]\n'), 'terraform', options).length, 0);
    assert.equal(extractPolicies(doc('"sts:AssumeRole"', ''), 'terraform', options).length, 1);
    // A trust policy that wrongly gives resources is still one, and Resource is reported.
    assert.deepEqual(findings('main.tf', doc('"sts:AssumeRole"', '    resources = ["*"]\n')), ['4:5 resource-not-allowed resources']);
    // Used as a trust policy: a trust policy, whatever it holds.
    const used = `${doc('"s3:GetObject"', '    resources = ["arn:aws:s3:::b/*"]\n')}resource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.d.json\n}\n`;
    assert.equal(extractPolicies(used, 'terraform', options).length, 1);
  });
});

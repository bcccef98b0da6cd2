// Part of `npm run bench`: trust policies embedded in a ~5,000-line CloudFormation template and
// in a 200-file Terraform directory — the cost of extraction and linting beside the cost of
// merely parsing the same YAML (the `yaml` package) in the same run. Reports figures only.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { lintEmbedded } = require(join(root, 'dist', 'policy.js'));
const { parseDocument } = require('yaml');

/** Median and spread of `rounds` timings of fn(), in ms. */
function measure(fn, rounds = 9) {
  for (let i = 0; i < 2; i++) fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples.at(-1) };
}
const fmt = (m) => `${m.median.toFixed(1)} ms (${m.min.toFixed(1)}–${m.max.toFixed(1)})`;

// A template like a large SAM application: functions, their roles, and cross-account roles.
const role = (i) =>
  [
    `  Role${i}:`,
    '    Type: AWS::IAM::Role',
    '    Properties:',
    `      RoleName: !Sub \${AWS::StackName}-role-${i}`,
    '      AssumeRolePolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal:',
    i % 3 === 0 ? '              Service: lambda.amazonaws.com' : `              AWS: !Sub arn:aws:iam::\${TrustedAccount${i % 7}}:root`,
    '            Action: sts:AssumeRole',
    '            Condition:',
    '              StringEquals:',
    i % 3 === 0 ? '                aws:SourceAccount: !Ref AWS::AccountId' : `                sts:ExternalId: external-${i}`,
    `  Function${i}:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: app.handler',
    '      Runtime: python3.12',
    `      Role: !GetAtt Role${i}.Arn`,
  ].join('\n');
let template = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
for (let i = 0; template.split('\n').length < 5000; i++) template += `${role(i)}\n`;
const lines = template.split('\n').length;
const roles = (template.match(/AssumeRolePolicyDocument/g) ?? []).length;

const yamlOnly = measure(() => parseDocument(template, { uniqueKeys: false }));
const cfn = measure(() => lintEmbedded(template, 'cloudformation', { accountId: '111122223333' }));
console.log(`\nembedded: a CloudFormation template of ${lines} lines (${(template.length / 1024).toFixed(0)} KiB), ${roles} roles`);
console.log(`  yaml parseDocument   ${fmt(yamlOnly)}`);
console.log(`  lint every policy    ${fmt(cfn)}   = ${(cfn.median / yamlOnly.median).toFixed(1)}x parsing the YAML alone`);

// A Terraform directory of 200 role modules: jsonencode, heredoc and policy documents.
const dir = mkdtempSync(join(tmpdir(), 'bench-tf-'));
try {
  for (let i = 0; i < 200; i++) {
    const body =
      i % 3 === 0
        ? `resource "aws_iam_role" "r${i}" {\n  name = "r${i}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Principal = { Federated = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com" }\n      Action = "sts:AssumeRoleWithWebIdentity"\n      Condition = {\n        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }\n        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:org/app-${i}:ref:refs/heads/main" }\n      }\n    }]\n  })\n}\n`
        : i % 3 === 1
          ? `data "aws_iam_policy_document" "t${i}" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "Service"\n      identifiers = ["ecs-tasks.amazonaws.com"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceAccount"\n      values   = [data.aws_caller_identity.current.account_id]\n    }\n  }\n}\n\nresource "aws_iam_role" "r${i}" {\n  name               = "r${i}"\n  assume_role_policy = data.aws_iam_policy_document.t${i}.json\n}\n`
          : `resource "aws_iam_role" "r${i}" {\n  name = "r${i}"\n  assume_role_policy = <<-EOF\n    {\n      "Version": "2012-10-17",\n      "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole",\n        "Condition": { "StringEquals": { "sts:ExternalId": "x-${i}" } } }]\n    }\n  EOF\n}\n`;
    writeFileSync(join(dir, `role${String(i).padStart(3, '0')}.tf`), `# module ${i}\nvariable "name" { default = "r${i}" }\n${body}\noutput "arn" { value = aws_iam_role.r${i}.arn }\n`);
  }
  const tfDir = measure(() => {
    let findings = 0;
    for (const file of readdirSync(dir)) findings += lintEmbedded(readFileSync(join(dir, file), 'utf8'), 'terraform', { accountId: '111122223333' }).length;
    return findings;
  });
  const readOnly = measure(() => {
    for (const file of readdirSync(dir)) readFileSync(join(dir, file), 'utf8');
  });
  console.log(`\nembedded: a Terraform directory of 200 .tf files (one role each: jsonencode, policy document, heredoc)`);
  console.log(`  reading the files    ${fmt(readOnly)}`);
  console.log(`  read + lint all      ${fmt(tfDir)}   = ${(tfDir.median / 200).toFixed(2)} ms per file`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

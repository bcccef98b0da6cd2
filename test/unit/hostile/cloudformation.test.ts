import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCloudFormation } from '../../../src/policy/embedded/cloudformation';
import { PART_NOT_CHECKED } from '../../../src/policy/lint/notices';
import { bounded } from './bounded';

// Issue 11: the CloudFormation/SAM reader on hostile and half-typed templates. Each case runs
// first in a worker with a time bound (the old reader did not return on several of them, or
// threw), then, once it is known to return, in-process for the problems it reports.

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'embedded');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const options = { accountId: '111122223333' };

/** The codes of lintEmbedded's findings, each with the text it points at. */
const LINT = `(policy, text) => policy.lintEmbedded(text, 'cloudformation', { accountId: '111122223333' }).map((f) => f.code + ' ' + text.slice(f.offset, f.offset + f.length))`;

/** The policies' findings (the file's notices of parts not checked left out: see \`notices\`). */
async function lintBounded(text: string, ms = 20_000): Promise<string[]> {
  const result = await bounded<string[]>(LINT, text, ms);
  assert.ok(result.done, `lintEmbedded did not answer within ${ms} ms`);
  return result.value.filter((f) => !f.startsWith(`${PART_NOT_CHECKED} `));
}

/** The notices of parts not checked that lintEmbedded gives the user, with the text each points at. */
async function notices(text: string): Promise<string[]> {
  const result = await bounded<string[]>(LINT, text);
  assert.ok(result.done);
  return result.value.filter((f) => f.startsWith(`${PART_NOT_CHECKED} `));
}

/** A role whose trust policy lets anyone assume it (`principal`: its Principal in YAML), then `rest` at the top level. */
const publicRole = (name: string) =>
  `  ${name}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: '*'\n            Action: sts:AssumeRole\n`;

describe('CloudFormation reader: YAML aliases (item 1)', () => {
  // The classic billion laughs: 9 aliases per level, 9 levels, 813 bytes with its policy.
  const laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');
  const bomb = `${laughs}\nResources:\n  Bomb:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement: *a9\n${publicRole('Open')}`;

  it('an alias bomb inside a policy is refused with one problem; the other policy is still checked', async () => {
    assert.deepEqual(await lintBounded(bomb), ["public-principal '*'"]);
    assert.deepEqual(await notices(bomb), [`${PART_NOT_CHECKED} AssumeRolePolicyDocument`], 'the user is told which policy was not checked');
    const { policies, problems } = readCloudFormation(bomb, options);
    assert.deepEqual(policies.map((p) => p.name), ['Open']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /aliases/);
    assert.equal(bomb.slice(problems[0]!.offset, problems[0]!.offset + problems[0]!.length), 'AssumeRolePolicyDocument');
  });

  it('20,000 aliases: each resolved once, in one pass (Alias.resolve walked the document per alias: 28 s)', async () => {
    const mappings = `Mappings:\n  Shared: &anyone\n    AWS: '*'\n  Many:\n${'    - *anyone\n'.repeat(20_000)}`;
    const text = `${mappings}Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: *anyone\n            Action: sts:AssumeRole\n`;
    // Reported once, where the aliased value is written.
    assert.deepEqual(await lintBounded(text), ["public-principal '*'"]);
  });
});

describe('CloudFormation reader: recognising templates (item 2)', () => {
  const kind = async (name: string, text: string) => {
    const result = await bounded<string | null>('(policy, i) => policy.embeddingKind(i.name, i.text) ?? null', { name, text });
    assert.ok(result.done, 'embeddingKind did not answer within the bound');
    return result.value;
  };

  it('minified JSON templates (CDK output, a SAM template) as well as pretty JSON and YAML', async () => {
    // The fixtures, minified as `aws cloudformation get-template` or JSON.stringify write them.
    const cdk = fixture('cdk-synth.template.json');
    assert.equal(await kind('cdk.template.json', JSON.stringify(JSON.parse(cdk))), 'cloudformation');
    assert.equal(await kind('cdk.template.json', cdk), 'cloudformation');
    assert.equal(await kind('sam.json', '{"AWSTemplateFormatVersion":"2010-09-09","Transform":"AWS::Serverless-2016-10-31","Resources":{}}'), 'cloudformation');
    assert.equal(await kind('sam.json', '{"Transform":["AWS::Serverless-2016-10-31"],"Resources":{}}'), 'cloudformation');
    assert.equal(await kind('template.yaml', fixture('sam-function.yaml')), 'cloudformation');
  });

  it('not trust policies, package.json or a policy with a template in a string', async () => {
    assert.equal(await kind('trust.json', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'), null);
    assert.equal(await kind('package.json', readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')), null);
    assert.equal(await kind('x.json', JSON.stringify({ description: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09' }) })), null);
  });

  it('50,000 blank lines: a bounded scan (^\\s* at every line start was quadratic: 75 s)', async () => {
    assert.equal(await kind('blank.yaml', `${'\n'.repeat(50_000)}x: 1`), null);
  });
});

describe('CloudFormation reader: deep nesting (item 3)', () => {
  it('YAML flow: 5,000 [ outside the policies, the template parsed whole (an anchor): the policy is still checked', async () => {
    const text = `Metadata:\n  Anchor: &x 1\n  Deep: ${'['.repeat(5000)}${']'.repeat(5000)}\nResources:\n${publicRole('Open')}`;
    assert.deepEqual(await lintBounded(text), ["public-principal '*'"]);
    const { problems } = readCloudFormation(text, options);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /Nested deeper than 128 levels/);
  });

  it('YAML block: 10,000 compact "- " levels and a dedent (the yaml package\'s parser threw RangeError: the policy vanished)', async () => {
    const text = `Metadata:\n  Anchor: &x 1\n  Deep:\n    ${'- '.repeat(10_000)}x\nResources:\n${publicRole('Open')}`;
    assert.deepEqual(await lintBounded(text), ["public-principal '*'"]);
  });

  it('YAML block: 10,000 levels, 50 a line on 200 lines ever more indented (2 MB)', async () => {
    let deep = '';
    for (let i = 0; i < 200; i++) deep += `${' '.repeat(4 + 100 * i)}${'- '.repeat(50)}\n`;
    const text = `Metadata:\n  Anchor: &x 1\n  Deep:\n${deep}Resources:\n${publicRole('Open')}`;
    assert.deepEqual(await lintBounded(text, 15_000), ["public-principal '*'"]);
  });

  it('JSON: 20,000 [ beside the policy (jsonc-parser\'s parseTree threw RangeError: the policy vanished)', async () => {
    const text = `{"AWSTemplateFormatVersion":"2010-09-09","Metadata":{"Deep":${'['.repeat(20_000)}${']'.repeat(20_000)}},"Resources":{"Open":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}}}}}`;
    assert.deepEqual(await lintBounded(text), ['public-principal "*"']);
    const { problems } = readCloudFormation(text, options);
    assert.equal(problems.length, 1);
    // At the first container deeper than 128 levels: the 127th [ (the root and Metadata are the first two).
    assert.equal(problems[0]!.offset - text.indexOf('['), 126);
  });

  it('inside the policy: 3,000 [ in a condition value, Principal "*" beside it is still reported', async () => {
    const yaml = `Resources:\n${publicRole('Open')}            Condition:\n              StringEquals:\n                aws:PrincipalTag/x: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    assert.ok((await lintBounded(yaml)).includes("public-principal '*'"));
    const json = `{"Resources":{"Open":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/x":${'['.repeat(30_000)}${']'.repeat(30_000)}}}}]}}}}}`;
    assert.ok((await lintBounded(json)).includes('public-principal "*"'));
  });
});

describe('CloudFormation reader: intrinsic functions (item 4, found by fuzzing)', () => {
  const template = (principal: string) => `Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: [${principal}, '*']\n            Action: sts:AssumeRole\n`;

  it('!Ref toString and ${constructor}: names, not the properties of an object (lintEmbedded threw a TypeError)', async () => {
    assert.deepEqual(await lintBounded(template('!Ref toString')), ["public-principal '*'"]);
    assert.deepEqual(await lintBounded(template('!Sub "arn:aws:iam::${constructor}:root"')), ["public-principal '*'"]);
  });

  it('!Sub with 100,000 unclosed ${ (a backtracking /\\$\\{([^}]*)\\}/ was quadratic: 6 s for 30,000)', async () => {
    assert.ok((await lintBounded(template(`!Sub "${'${'.repeat(100_000)}"`))).includes("public-principal '*'"));
  });

  it('nested !Sub that repeat a variable: bounded text, not 4^24 characters (the policy vanished)', async () => {
    let sub = "'arn:aws:iam::111122223333:root'";
    for (let i = 0; i < 24; i++) sub = `!Sub ['\${a}\${a}\${a}\${a}', {a: ${sub}}]`;
    assert.deepEqual(await lintBounded(template(sub)), ["public-principal '*'"]);
  });
});

// What typing.test.ts types, one keystroke per character: a Terraform file and a CloudFormation
// template written the way people write them, through the half-typed states in between (wrong
// and missing closing brackets, unmatched quotes, an unterminated heredoc, a YAML anchor and a
// half-typed alias, flow collections). Written for these tests; nothing taken from elsewhere.
//
// In a script, ⌫ deletes the character before the cursor, ← and → move the cursor one
// character; every other character is inserted at the cursor.

export interface TypingScript {
  /** The scratch file's name: the extension recognises both kinds by name (and content). */
  name: string;
  keys: string;
  /** A finding the final text must have (code and the text it is reported on). */
  finding: { code: string; text: string };
}

export const BACKSPACE = '⌫';
export const LEFT = '←';
export const RIGHT = '→';

/** Typed, then deleted again. */
const typo = (keys: string) => keys + BACKSPACE.repeat(keys.length);

const terraform = [
  'resource "aws_iam_role" "ci" {\n',
  // An unmatched quote until the next line, then corrected.
  '  name = "ci\n⌫"\n',
  // `x = [}`: the wrong closing bracket, then the right one.
  '  x = [}⌫]\n',
  // The closing brackets typed in the wrong order, then retyped.
  '  assume_role_policy = jsonencode({ Statement = [ { Effect = "Allow"',
  typo(' ) ] })'),
  ', Principal = { AWS = "*" }, Action = "sts:AssumeRole" } ] })\n}\n\n',
  // A heredoc, unterminated until its last line; its JSON typed with brackets closed first.
  'resource "aws_iam_role" "old" {\n',
  '  assume_role_policy = <<-EOF\n',
  '    {"Statement": [{}]}←←←',
  '"Effect": "allow", "Principal": {"Service": "ec2.amazonaws.com"}',
  '→→→\n  EOF\n}\n\n',
  // An aws_iam_policy_document whose list is typed before the block around it is closed.
  'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["sts:AssumeRole"\n',
  '⌫]\n    principals {\n      type = "AWS"\n      identifiers = ["*]⌫"]\n    }\n  }\n}\n',
].join('');

const cloudformation = [
  'AWSTemplateFormatVersion: "2010-09-09"\n',
  'Resources:\n  Ci:\n    Type: AWS::IAM::Role\n    Properties:\n',
  '      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n',
  // An anchor on the first statement, a flow sequence closed with the wrong bracket.
  '          - &trust\n            Effect: Allow\n',
  '            Principal: { Service: [ec2.amazonaws.com }⌫⌫] }\n',
  '            Action: sts:AssumeRole\n',
  // The alias typed letter by letter (undefined until complete), then a flow mapping with an
  // unmatched quote and an unclosed flow sequence, completed at the end.
  '          - *trust\n',
  '          - { Effect: Allow, Principal: { AWS: "*',
  typo(' }, Action: [sts:AssumeRole }'),
  '" }, Action: [sts:AssumeRole] }\n',
].join('');

export const TYPING_SCRIPTS: TypingScript[] = [
  { name: 'main.tf', keys: terraform, finding: { code: 'public-principal', text: '"*"' } },
  { name: 'template.yaml', keys: cloudformation, finding: { code: 'public-principal', text: '"*"' } },
];

/** The text after every keystroke of a script, starting from an empty document. */
export function* typedStates(keys: string): Generator<{ key: string; text: string; cursor: number }> {
  let text = '';
  let cursor = 0;
  for (const key of keys) {
    if (key === BACKSPACE) {
      text = text.slice(0, cursor - 1) + text.slice(cursor);
      cursor--;
    } else if (key === LEFT) cursor--;
    else if (key === RIGHT) cursor++;
    else {
      text = text.slice(0, cursor) + key + text.slice(cursor);
      cursor++;
    }
    yield { key, text, cursor };
  }
}

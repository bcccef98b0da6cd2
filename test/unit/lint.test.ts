import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../src/policy';

const VALID = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }
  ]
}`;

/** The text a finding's offset and length cover. */
const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

describe('lint: json-syntax', () => {
  /** Only this rule's findings: the other rules have their own tests. */
  const syntax = (text: string, options = {}) => lint(text, options).filter((f) => f.code === 'json-syntax');

  it('accepts strict JSON', () => {
    assert.deepEqual(syntax(VALID), []);
  });

  const invalid: Array<{ name: string; text: string; token: string; line: number; column: number; message: RegExp }> = [
    { name: 'line comment', text: '{\n  // hi\n  "Version": "2012-10-17"\n}', token: '// hi', line: 2, column: 3, message: /comments/ },
    { name: 'block comment', text: '{ /* x */ "Version": "2012-10-17" }', token: '/* x */', line: 1, column: 3, message: /comments/ },
    { name: 'trailing comma in object', text: '{\n  "Version": "2012-10-17",\n}', token: ',', line: 2, column: 26, message: /Trailing comma/ },
    { name: 'trailing comma in array', text: '{"Action": ["sts:AssumeRole" , ]}', token: ',', line: 1, column: 30, message: /Trailing comma/ },
    { name: 'trailing comma after a comment', text: '{"a": 1, /* c */ }', token: ',', line: 1, column: 8, message: /Trailing comma/ },
    { name: 'missing comma', text: '{"a": 1 "b": 2}', token: '"b"', line: 1, column: 9, message: /Comma expected/ },
    { name: 'unterminated string', text: '{"a": "x', token: '"x', line: 1, column: 7, message: /Unterminated string/ },
    { name: 'text after the object', text: '{} {}', token: '{', line: 1, column: 4, message: /Nothing may follow/ },
  ];
  for (const c of invalid) {
    it(`reports ${c.name} at the offending token`, () => {
      const findings = syntax(c.text);
      assert.ok(findings.length >= 1, 'expected a json-syntax finding');
      const first = findings[0]!;
      assert.equal(first.severity, 'error');
      assert.match(first.message, c.message);
      assert.equal(covered(c.text, first), c.token);
      assert.deepEqual(first.range.start, { line: c.line, column: c.column });
    });
  }

  it('reports one finding per bad token, not one per parser error code', () => {
    const findings = syntax('{"a": [1,],}');
    assert.deepEqual(findings.map((f) => f.range.start.column), [9, 11]);
  });

  it('keeps a finding at the very end inside the text (found by npm run fuzz)', () => {
    const text = '{\n\t"Version": 1/*';
    for (const f of syntax(text)) assert.ok(f.offset + f.length <= text.length, JSON.stringify(f));
  });

  it('reports an empty document', () => {
    const [finding] = syntax('  \n');
    assert.equal(finding?.code, 'json-syntax');
    assert.match(finding!.message, /empty/);
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '{', '}', '[', '"', '\u0000', '{"a":', '{{{{', ']]]', '{"a":1}}', '\r\n\r\n{', '/*', '//'];
    for (const text of inputs) assert.doesNotThrow(() => lint(text), `input ${JSON.stringify(text)}`);
  });

  it('silences ignored codes', () => {
    assert.ok(syntax('{,}').length > 0);
    assert.deepEqual(syntax('{,}', { ignore: ['json-syntax'] }), []);
  });

  it('counts lines across \\r\\n, \\r and \\n', () => {
    const [finding] = syntax('{\r\n"a": 1,\r"b": 2\n// c\n}');
    assert.deepEqual(finding?.range.start, { line: 4, column: 1 });
  });

  it('ends the range after the token', () => {
    const [finding] = syntax('{\n  /* two\nlines */ "a": 1}');
    assert.deepEqual(finding?.range, { start: { line: 2, column: 3 }, end: { line: 3, column: 9 } });
  });
});

it('a string broken by a line break: no rule reports what recovery made of the next line (held-out set 15)', () => {
  const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "comprehend.amazonaws.com"}, "Action": "sts:AssumeRole",\n "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:comprehend:us-west-2:111122223333:\n      document-classifier/x"}}}]}';
  const codes = lint(text).map((f) => f.code);
  assert.ok(codes.includes('json-syntax'));
  assert.ok(!codes.includes('condition-key-invalid'), codes.join(', '));
});

it('a statement alone: one finding says to wrap it, and the statement itself is checked (held-out set 15)', () => {
  // AWS's EMR guide: a statement printed alone, with a placeholder account in its principal.
  const text = '{"Sid": "", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<AWS_ACCOUNT_ID>:role/EMR_EC2_DefaultRole"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}';
  // Before: version-missing, statement-missing and unknown-element on Sid ("did you mean Id?"), Effect, Principal and Action; the principal unchecked.
  assert.deepEqual(lint(text).map((f) => f.code).sort(), ['principal-invalid', 'statement-missing']);
  // An object with none of a statement's elements is still a policy without Statement.
  assert.deepEqual(lint('{"Version": "2012-10-17"}').map((f) => f.code), ['statement-missing']);
});

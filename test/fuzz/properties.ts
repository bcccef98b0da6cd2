// Properties every lint() result must have, and the generators the fuzzers share.
import fc from 'fast-check';
import { lint, RULES, SEVERITIES } from '../../src/policy';

const CODES = new Set([...RULES.map((r) => r.meta.code), 'internal-error']);

/** 1-based line/column of an offset, computed independently of the engine's LineIndex. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Throws (with the reason) when lint's result for `text` breaks a property. */
export function checkLint(text: string, accountId?: string): void {
  const findings = lint(text, accountId ? { accountId } : {});
  for (const f of findings) {
    if (f.code === 'internal-error') throw new Error(`a rule threw: ${f.message}`);
    if (!CODES.has(f.code)) throw new Error(`unknown code ${f.code}`);
    if (!SEVERITIES.includes(f.severity)) throw new Error(`bad severity ${f.severity}`);
    if (!(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length)) {
      throw new Error(`finding ${f.code} at ${f.offset}+${f.length} lies outside a text of ${text.length}`);
    }
    const start = positionOf(text, f.offset);
    const end = positionOf(text, f.offset + f.length);
    if (start.line !== f.range.start.line || start.column !== f.range.start.column || end.line !== f.range.end.line || end.column !== f.range.end.column) {
      throw new Error(`finding ${f.code}: range ${JSON.stringify(f.range)} disagrees with offset ${f.offset}+${f.length}`);
    }
    if (typeof f.message !== 'string' || f.message.length === 0) throw new Error(`finding ${f.code} has no message`);
  }
}

const pick = <T>(values: T[]) => fc.constantFrom(...values);
const scalar = fc.oneof(
  pick(['*', '111122223333', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/x', 'arn:aws:iam::*:root', 'lambda.amazonaws.com', 'ec2', 'accounts.google.com',
    'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', 'arn:aws:iam::111122223333:saml-provider/Okta', 'repo:o/r:*', 'repo:*', '', 'true', '10.0.0.0/8', '${aws:username}', 'arn:aws:s3:::b']),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const stringOrList = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }));
const action = fc.oneof(
  pick(['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:*', '*', 'sts:AssumeRoles', 's3:GetObject', 'sts:GetCallerIdentity', 'bogus']),
  fc.string({ maxLength: 10 }),
);
const operator = fc.oneof(
  pick(['StringEquals', 'StringLike', 'StringNotEquals', 'ArnLike', 'ArnEquals', 'Bool', 'BoolIfExists', 'NumericLessThan', 'DateGreaterThan', 'IpAddress', 'Null', 'NullIfExists', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'stringequals', 'Foo:Bar']),
  fc.string({ maxLength: 8 }),
);
const conditionKey = fc.oneof(
  pick(['sts:ExternalId', 'aws:SourceAccount', 'aws:SourceArn', 'aws:PrincipalOrgID', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:TagKeys', 'aws:RequestTag/team', 'token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud', 'saml:aud', 's3:prefix', 'bad key', 'aws:Nope']),
  fc.string({ maxLength: 8 }),
);
const condition = fc.dictionary(operator, fc.oneof(fc.dictionary(conditionKey, stringOrList, { maxKeys: 3 }), scalar), { maxKeys: 3 });
const principal = fc.oneof(
  scalar,
  fc.dictionary(pick(['AWS', 'Service', 'Federated', 'CanonicalUser', 'Aws', 'X']), stringOrList, { maxKeys: 3 }),
);
const statement = fc.record(
  {
    Sid: scalar,
    Effect: fc.oneof(pick(['Allow', 'Deny', 'allow']), scalar),
    Principal: principal,
    NotPrincipal: principal,
    Action: fc.oneof(action, fc.array(action, { maxLength: 4 })),
    NotAction: action,
    Resource: scalar,
    Condition: fc.oneof(condition, scalar),
  },
  { requiredKeys: [] },
);

/** Policies across the grammar, right and wrong, serialised with varied whitespace. */
export const policyText = fc
  .tuple(
    fc.record(
      {
        Version: fc.oneof(pick(['2012-10-17', '2008-10-17']), scalar),
        Statement: fc.oneof(fc.array(statement, { maxLength: 4 }), statement, scalar),
        Id: scalar,
      },
      { requiredKeys: [] },
    ),
    fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 8 }), pick(['\t'])),
  )
  .map(([policy, indent]) => JSON.stringify(policy, null, indent));

/** A text with random edits: inserted JSON punctuation, deleted ranges, a truncation. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.oneof(pick(['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '\n', '\r', ' ', '*', '\u00e9', '\ud83d\ude00']), fc.string({ maxLength: 3 })));
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 5 }), fc.option(fc.nat())).map(([text, edits, truncate]) => {
    let out = text;
    for (const [at, remove, insert] of edits) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i + remove);
    }
    return truncate === null ? out : out.slice(0, truncate % (out.length + 1));
  });
}

/** Every input kind the fuzzers mix. */
export function anyInput(seeds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: policyText },
    { weight: 3, arbitrary: mutated(fc.oneof(policyText, pick(seeds))) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  );
}

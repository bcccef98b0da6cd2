// Documents for the fuzzers: every fixture and example, mutated byte by byte and token by token
// with mutations that know each format (JSON, CloudFormation YAML and JSON, Terraform HCL), and
// generated shapes of hostile sizes (long strings, runs of `*`, deep nesting, many elements).
// Pure: the corpus comes in as texts, and a document depends only on its Random.
import type { Random } from './random';

/** What a document is written in. */
export type Format = 'policy' | 'cfn-yaml' | 'cfn-json' | 'terraform';

export interface CorpusFile {
  /** Path from the project root. */
  name: string;
  format: Format;
  text: string;
}

export interface Document {
  format: Format;
  text: string;
  /** How it was made, for the report: the seed file and the mutations, or the shape. */
  origin: string;
}

/** Which format a fixture or example is in, by its name and content. */
export function formatOf(name: string, text: string): Format | undefined {
  if (name.endsWith('.tf')) return 'terraform';
  if (/\.ya?ml$/.test(name)) return 'cfn-yaml';
  if (name.endsWith('.json')) return text.includes('AWSTemplateFormatVersion') || text.includes('"Resources"') ? 'cfn-json' : 'policy';
  return undefined;
}

/** Hostile documents stay under this many characters, so that a 50 ms/KB budget stays under the 2 s hang limit. */
export const MAX_SHAPE_CHARS = 40_000;

// ---------------------------------------------------------------------------------------------
// Values: the vocabulary of trust policies, right, wrong and hostile.

const ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext', 'sts:*', '*', 'sts:Assume*', 'sts:AssumeRole?', 'sts:AssumeRoles', 'sts:Foo123', 's3:GetObject', 'iam:*', 'bogus', 'sts:', ':', 'STS:ASSUMEROLE'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser', 'aws', 'X', ''];
const PRINCIPALS = ['*', '111122223333', '444455556666', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/x', 'arn:aws:iam::*:root', 'arn:aws:sts::111122223333:assumed-role/R/s', 'arn:aws-cn:iam::111122223333:user/a', 'lambda.amazonaws.com', 'ec2.amazonaws.com', 'ec2', 'accounts.google.com', 'cognito-identity.amazonaws.com', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', 'arn:aws:iam::111122223333:saml-provider/Okta', 'arn:', 'arn:aws:iam::', '${aws:username}'];
const OPERATORS = ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase', 'ArnLike', 'ArnEquals', 'ArnNotLike', 'Bool', 'BoolIfExists', 'NumericLessThan', 'NumericEquals', 'DateGreaterThan', 'IpAddress', 'NotIpAddress', 'Null', 'NullIfExists', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:ArnLike', 'stringequals', 'Foo:Bar', 'StringLikeIfExists', ''];
const KEYS = ['sts:ExternalId', 'aws:SourceAccount', 'aws:SourceArn', 'aws:PrincipalOrgID', 'aws:PrincipalArn', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:TagKeys', 'aws:RequestTag/team', 'aws:PrincipalTag/${aws:username}', 'sts:RoleSessionName', 'sts:SourceIdentity', 'token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub', 'saml:aud', 'cognito-identity.amazonaws.com:amr', 's3:prefix', 'bad key', 'aws:Nope', 'aws:CurrentTime', 'aws:SourceIp'];
const VALUES = ['*', 'abc', '111122223333', 'arn:aws:iam::111122223333:root', 'repo:o/r:*', 'repo:*', 'repo:o/r:ref:refs/heads/main', 'sts.amazonaws.com', 'system:serviceaccount:ns:sa', '', 'true', 'false', '3600', '10.0.0.0/8', '2026-01-01T00:00:00Z', '${aws:username}', '${*}', '${aws:PrincipalTag/team, \'d\'}', 'o-abc123', 'https://signin.aws.amazon.com/saml', 'authenticated', '?', '*?*'];

/** A string of hostile shape: long, starred, escaped, multi-byte. */
function hostileString(r: Random, max: number): string {
  const n = r.size(max);
  switch (r.int(12)) {
    case 0:
      return 'a'.repeat(n);
    case 1:
      return '*'.repeat(n);
    case 2:
      return 'sts:' + '*'.repeat(n) + 'x';
    case 3:
      return 'sts:' + 'A*'.repeat(Math.ceil(n / 2)) + 'Z';
    case 4:
      return '*a'.repeat(Math.ceil(n / 2)) + 'b';
    case 5:
      return '?*'.repeat(Math.ceil(n / 2));
    case 6:
      return 'arn:aws:iam::111122223333:role/' + 'x/'.repeat(Math.ceil(n / 2));
    case 7:
      return '${'.repeat(Math.ceil(n / 2)) + 'aws:username' + '}'.repeat(r.int(3));
    case 8:
      return '\\u00e9\\n\\"'.repeat(Math.ceil(n / 8));
    case 9:
      return '\u00e9\ud83d\ude00'.repeat(Math.ceil(n / 3));
    case 10:
      return ':'.repeat(n);
    default:
      return r.pick(ACTIONS) + 'x'.repeat(n);
  }
}

function scalar(r: Random, list: readonly string[], hostile: number): unknown {
  const k = r.int(100);
  if (k < hostile) return hostileString(r, 2000);
  if (k < hostile + 4) return r.pick([0, -1, 1.5e308, true, false, null]);
  if (k < hostile + 6) return [];
  return r.pick(list);
}

function listOrOne(r: Random, list: readonly string[], hostile: number, max = 4): unknown {
  if (r.chance(0.5)) return scalar(r, list, hostile);
  return Array.from({ length: r.int(max + 1) }, () => scalar(r, list, hostile));
}

/** A trust policy as an object: mostly well-formed, with wrong and hostile values mixed in. */
export function policyObject(r: Random, hostile = 10): Record<string, unknown> {
  const statement = (): Record<string, unknown> => {
    const s: Record<string, unknown> = {};
    if (r.chance(0.3)) s.Sid = scalar(r, ['S1', 'Trust', 'bad sid!', ''], hostile);
    s.Effect = r.chance(0.9) ? r.pick(['Allow', 'Allow', 'Deny']) : scalar(r, ['allow', 'Permit', ''], hostile);
    if (r.chance(0.9)) {
      s[r.chance(0.95) ? 'Principal' : 'NotPrincipal'] = r.chance(0.15)
        ? scalar(r, ['*'], hostile)
        : Object.fromEntries(Array.from({ length: r.between(1, 3) }, () => [r.pick(PRINCIPAL_TYPES), listOrOne(r, PRINCIPALS, hostile)]));
    }
    if (r.chance(0.95)) s[r.chance(0.9) ? 'Action' : 'NotAction'] = listOrOne(r, ACTIONS, hostile);
    if (r.chance(0.05)) s.Resource = '*';
    if (r.chance(0.5)) {
      s.Condition = Object.fromEntries(
        Array.from({ length: r.between(1, 3) }, () => [r.pick(OPERATORS), r.chance(0.95) ? Object.fromEntries(Array.from({ length: r.between(1, 3) }, () => [r.pick(KEYS), listOrOne(r, VALUES, hostile)])) : scalar(r, VALUES, hostile)]),
      );
    }
    return s;
  };
  const policy: Record<string, unknown> = {};
  if (r.chance(0.9)) policy.Version = r.chance(0.9) ? '2012-10-17' : scalar(r, ['2008-10-17', '2012-10-18', ''], hostile);
  if (r.chance(0.05)) policy.Id = scalar(r, ['id'], hostile);
  policy.Statement = r.chance(0.1) ? statement() : Array.from({ length: r.between(r.chance(0.05) ? 0 : 1, 4) }, statement);
  return policy;
}

// ---------------------------------------------------------------------------------------------
// Writing a policy in each format.

const jsonString = (s: string) => JSON.stringify(s);

/** YAML block style (strings double-quoted as JSON, which YAML reads the same). */
export function toYaml(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((v) => `\n${pad}-${toYaml(v, indent + 2).replace(/^\n {0,}/, ' ')}`).join('');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, v]) => `\n${pad}${/^[\w:/.-]+$/.test(k) ? k : jsonString(k)}:${toYaml(v, indent + 2)}`).join('');
  }
  return ' ' + (typeof value === 'string' ? (/^[A-Za-z][\w:/.-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : jsonString(value)) : JSON.stringify(value));
}

/** An HCL expression (the object syntax `jsonencode` takes). */
export function toHcl(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return `[${value.map((v) => toHcl(v, indent + 2)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${pad}  ${/^[A-Za-z_][\w-]*$/.test(k) ? k : jsonString(k)} = ${toHcl(v, indent + 2)}`).join('\n')}\n${pad}}`;
  }
  return typeof value === 'string' ? jsonString(value) : JSON.stringify(value);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** An `aws_iam_policy_document` data source with the policy's statements. */
export function toPolicyDocument(policy: Record<string, unknown>, name: string): string {
  const lines = [`data "aws_iam_policy_document" "${name}" {`];
  for (const s of asList(policy.Statement) as Array<Record<string, unknown>>) {
    if (!s || typeof s !== 'object') continue;
    lines.push('  statement {');
    if (s.Sid !== undefined) lines.push(`    sid = ${toHcl(s.Sid, 4)}`);
    if (s.Effect !== undefined) lines.push(`    effect = ${toHcl(s.Effect, 4)}`);
    for (const [element, attribute] of [['Action', 'actions'], ['NotAction', 'not_actions']] as const) {
      if (s[element] !== undefined) lines.push(`    ${attribute} = ${toHcl(asList(s[element]), 4)}`);
    }
    for (const [element, block] of [['Principal', 'principals'], ['NotPrincipal', 'not_principals']] as const) {
      const p = s[element];
      const entries = p && typeof p === 'object' && !Array.isArray(p) ? Object.entries(p) : p === undefined ? [] : [['AWS', p]];
      for (const [type, ids] of entries) lines.push(`    ${block} {`, `      type = ${jsonString(String(type))}`, `      identifiers = ${toHcl(asList(ids), 6)}`, '    }');
    }
    const c = s.Condition;
    if (c && typeof c === 'object') {
      for (const [test, keys] of Object.entries(c)) {
        for (const [variable, values] of keys && typeof keys === 'object' ? Object.entries(keys) : [['', keys]]) {
          lines.push('    condition {', `      test = ${jsonString(test)}`, `      variable = ${jsonString(String(variable))}`, `      values = ${toHcl(asList(values), 6)}`, '    }');
        }
      }
    }
    lines.push('  }');
  }
  lines.push('}');
  return lines.join('\n');
}

/** A document of the format holding the policy (given as an object or as JSON text), in one of the ways that format embeds policies. */
export function embed(format: Format, policy: Record<string, unknown> | string, r: Random, name = 'Role0'): string {
  const json = typeof policy === 'string' ? policy : JSON.stringify(policy, null, r.pick([undefined, 2, 4]));
  switch (format) {
    case 'policy':
      return json;
    case 'cfn-json':
      return `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "${name}": {\n      "Type": "AWS::IAM::Role",\n      "Properties": {\n        "AssumeRolePolicyDocument": ${json}\n      }\n    }\n  }\n}\n`;
    case 'cfn-yaml': {
      const head = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  ${name}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:`;
      // JSON is YAML too (flow style); block style is what people write.
      return typeof policy === 'string' || r.chance(0.3) ? `${head} ${json.replace(/\n/g, '\n        ')}\n` : `${head}${toYaml(policy, 8)}\n`;
    }
    case 'terraform': {
      const way = typeof policy === 'string' ? r.pick([1, 1, 0]) : r.int(3);
      if (way === 0 && typeof policy !== 'string') return `resource "aws_iam_role" "${name}" {\n  name = "${name}"\n  assume_role_policy = jsonencode(${toHcl(policy, 2)})\n}\n`;
      if (way === 1) return `resource "aws_iam_role" "${name}" {\n  assume_role_policy = <<-EOF\n${json}\n  EOF\n}\n`;
      if (typeof policy === 'string') return `resource "aws_iam_role" "${name}" {\n  assume_role_policy = jsonencode(${policy})\n}\n`;
      return `${toPolicyDocument(policy, name)}\n\nresource "aws_iam_role" "${name}" {\n  assume_role_policy = data.aws_iam_policy_document.${name}.json\n}\n`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/** Rough tokens: strings, words, numbers, punctuation, whitespace runs. */
const TOKEN = /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\n])*'?|[A-Za-z_$][\w$:./*?-]*|-?\d[\d.eE+-]*|\s+|[^\s]/g;

const FRAGMENTS: Record<Format, readonly string[]> = {
  policy: ['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '*/', '\n', '\r', '\t', ' ', '*', ',,,,', 'null', 'true', '1e999', '-', '"Statement"', '"Action"', '"Principal"', '"Condition"', '{"a":', '[[', ']]', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\ufeff', '\0'],
  'cfn-json': ['{', '}', '[', ']', ',', ':', '"', '\\', '{"Fn::Sub": "${AWS::AccountId}"}', '{"Ref": "AWS::AccountId"}', '{"Fn::GetAtt": ["A", "Arn"]}', '{"Fn::Join": ["", ["a", "b"]]}', '{"Fn::If": ["c", "a", "b"]}', '"AssumeRolePolicyDocument":', '\n', '*', ',,,', '\ud800'],
  'cfn-yaml': ['\n', '  ', '\t', '- ', ': ', ':', '? ', '|', '>', '|-', '---\n', '...\n', '#', '&a ', '*a', '&x [a, *x]', '<<: *a', '!Sub ', '!Ref ', '!GetAtt ', '!Join ', '!If ', '!!str ', '!!map ', '!<tag:yaml.org,2002:str> ', '"', "'", '{', '}', '[', ']', ',', '%YAML 1.2\n', '%TAG ! tag:x\n', 'AssumeRolePolicyDocument:', '${AWS::AccountId}', '\ufeff', '\r\n', '\ud800', '*'],
  terraform: ['{', '}', '[', ']', '(', ')', ',', '=', ':', '"', '${', '%{', '}', '%{ if x }', '%{ endif }', '%{ for a in b }', '${var.x}', '$${', '%%{', '<<EOF\n', '<<-EOT\n', '\nEOF\n', '\n  EOT\n', 'jsonencode(', 'data.aws_iam_policy_document.x.json', 'assume_role_policy = ', '[for s in var.x : s]', '{for k, v in m : k => v}', 'a ? b : c', '#', '//', '/*', '*/', '\n', '\\', '...', '*', '\ud800'],
};

const OPENERS = '{[(';
const CLOSERS = '}])';

/** One random edit of `text`, in place of the text. */
function mutateOnce(text: string, format: Format, r: Random, log: string[]): string {
  const at = () => r.int(text.length + 1);
  // Positions people edit at: line starts and after punctuation.
  const interesting = () => {
    for (let tries = 0; tries < 8; tries++) {
      const i = at();
      if (i === 0 || '\n{[(,:='.includes(text[i - 1]!)) return i;
    }
    return at();
  };
  const op = r.int(16);
  switch (op) {
    case 0: {
      const i = interesting();
      const f = r.pick(FRAGMENTS[format]);
      log.push(`insert ${JSON.stringify(f)}@${i}`);
      return text.slice(0, i) + f + text.slice(i);
    }
    case 1: {
      const i = at();
      const n = r.size(text.length >> 2 || 1);
      log.push(`delete ${n}@${i}`);
      return text.slice(0, i) + text.slice(i + n);
    }
    case 2: {
      const i = at();
      const j = at();
      const n = r.size(200);
      log.push(`copy ${n}@${i} to ${j}`);
      return text.slice(0, j) + text.slice(i, i + n) + text.slice(j);
    }
    case 3: {
      // Truncation (every point is reached across documents; the unit test does each one).
      const i = at();
      log.push(`truncate@${i}`);
      return text.slice(0, i);
    }
    case 4: {
      const i = r.int(text.length);
      const c = String.fromCharCode(r.pick([0, 9, 10, 13, 32, 34, 39, 42, 44, 58, 91, 92, 93, 123, 125, 0xe9, 0x2028, 0xd800, 0xdc00, 0xfeff, r.int(0x10000)]));
      log.push(`replace@${i} by U+${c.charCodeAt(0).toString(16)}`);
      return text.slice(0, i) + c + text.slice(i + 1);
    }
    case 5:
    case 6:
    case 7: {
      // Token level: delete, duplicate, swap, or replace by a fragment of the format.
      const tokens = text.match(TOKEN) ?? [];
      if (tokens.length === 0) return text;
      const i = r.int(tokens.length);
      const j = r.int(tokens.length);
      const kind = r.int(4);
      if (kind === 0) tokens.splice(i, 1);
      else if (kind === 1) tokens.splice(i, 0, ...Array.from({ length: r.size(50) }, () => tokens[i]!));
      else if (kind === 2) [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      else tokens[i] = r.pick(FRAGMENTS[format]);
      log.push(`token ${['delete', 'repeat', 'swap', 'replace'][kind]} #${i}`);
      return tokens.join('');
    }
    case 8: {
      // Brackets: delete one, insert an unmatched one, or swap its kind.
      const positions: number[] = [];
      for (let k = 0; k < text.length; k++) if (OPENERS.includes(text[k]!) || CLOSERS.includes(text[k]!)) positions.push(k);
      const mode = r.int(3);
      if (mode === 0 || positions.length === 0) {
        const i = interesting();
        const b = r.pick([...OPENERS, ...CLOSERS]).repeat(r.chance(0.2) ? r.size(100) : 1);
        log.push(`bracket insert ${b.slice(0, 3)}×${b.length}@${i}`);
        return text.slice(0, i) + b + text.slice(i);
      }
      const i = r.pick(positions);
      if (mode === 1) {
        log.push(`bracket delete@${i}`);
        return text.slice(0, i) + text.slice(i + 1);
      }
      const all = OPENERS + CLOSERS;
      log.push(`bracket swap@${i}`);
      return text.slice(0, i) + all[(all.indexOf(text[i]!) + 1 + r.int(5)) % 6] + text.slice(i + 1);
    }
    case 9: {
      // Quotes: drop one, add one, or turn " into ' and back.
      const positions: number[] = [];
      for (let k = 0; k < text.length; k++) if (text[k] === '"' || text[k] === "'") positions.push(k);
      if (positions.length === 0 || r.chance(0.3)) {
        const i = at();
        log.push(`quote insert@${i}`);
        return text.slice(0, i) + r.pick(['"', "'", '\\"']) + text.slice(i);
      }
      const i = r.pick(positions);
      log.push(`quote toggle@${i}`);
      return text.slice(0, i) + (r.chance(0.5) ? '' : text[i] === '"' ? "'" : '"') + text.slice(i + 1);
    }
    case 10: {
      // Indentation (YAML, heredocs): shift a run of lines.
      const lines = text.split('\n');
      const i = r.int(lines.length);
      const n = r.size(lines.length - i);
      const shift = r.pick([-4, -2, -1, 1, 2, 8]);
      for (let k = i; k < i + n && k < lines.length; k++) lines[k] = shift > 0 ? ' '.repeat(shift) + lines[k] : lines[k]!.replace(new RegExp(`^ {0,${-shift}}`), '');
      log.push(`indent ${shift} lines ${i}+${n}`);
      return lines.join('\n');
    }
    case 11: {
      const i = at();
      const n = r.size(2000);
      const f = r.pick([',', '*', '[', '{', '${', '%{', '- ', '&a ', '*a ', '!Ref ', '"', '\\', '(', 'a', ' ', '\n']);
      log.push(`run ${JSON.stringify(f)}×${n}@${i}`);
      return text.slice(0, i) + f.repeat(n) + text.slice(i);
    }
    case 12: {
      // A hostile string in place of a word or string.
      const tokens = text.match(TOKEN) ?? [];
      const candidates = tokens.map((t, k) => (/^["'A-Za-z]/.test(t) ? k : -1)).filter((k) => k >= 0);
      if (candidates.length === 0) return text;
      const k = r.pick(candidates);
      const s = hostileString(r, 4000);
      tokens[k] = tokens[k]!.startsWith("'") ? `'${s.replace(/'/g, "''")}'` : JSON.stringify(s);
      log.push(`hostile string #${k} (${s.length})`);
      return tokens.join('');
    }
    case 13: {
      // Format-specific structure.
      const i = interesting();
      const f =
        format === 'terraform'
          ? r.pick(['${', '${a}', '%{ if a }x%{ endif }', '<<EOF\nx\n', '<<-EOT\n  x\n  EOT\n', '"${"', '${"${"}', '(((', 'jsonencode({', 'x = ', '[', '{'])
          : format === 'cfn-yaml'
            ? r.pick(['&a x', '*a', '*b', '<<: *a\n', '!Sub "${AWS::AccountId}"', '!Ref', '!GetAtt A.Arn', '!If [c, a, b]', '!Join ["", [a, b]]', '? [a, b]\n: c\n', '|\n  text\n', '- - - -', '{a: [b, {c: d}]}', "'a''b'", '"\\u00e9\\x"'])
            : r.pick([',]', ',}', '//x\n', '/*', '{"Fn::Sub":"${A}"}', '[]', '{}', '"":', 'true', '-0', '"\\u12"']);
      log.push(`structure ${JSON.stringify(f)}@${i}`);
      return text.slice(0, i) + f + text.slice(i);
    }
    default: {
      // Splice another part of the text (bigger documents of the same grammar).
      const i = at();
      const j = at();
      log.push(`splice ${Math.min(i, j)}..${Math.max(i, j)}`);
      return text.slice(0, Math.max(i, j)) + text.slice(Math.min(i, j));
    }
  }
}

export function mutate(text: string, format: Format, r: Random, edits: number, log: string[]): string {
  let out = text;
  for (let k = 0; k < edits && out.length < MAX_SHAPE_CHARS; k++) out = mutateOnce(out, format, r, log);
  return out.length > MAX_SHAPE_CHARS ? out.slice(0, MAX_SHAPE_CHARS) : out;
}

// ---------------------------------------------------------------------------------------------
// Shapes of hostile size.

/** Nesting of `depth` levels in the format's own syntax. */
function nested(format: Format, depth: number, r: Random): string {
  const closed = r.chance(0.7);
  switch (r.int(3)) {
    case 0:
      return '['.repeat(depth) + (closed ? ']'.repeat(depth) : '');
    case 1:
      return format === 'terraform' ? '{a = '.repeat(depth) + '1' + (closed ? '}'.repeat(depth) : '') : '{"a":'.repeat(depth) + '1' + (closed ? '}'.repeat(depth) : '');
    default:
      return format === 'terraform' ? 'f('.repeat(depth) + (closed ? ')'.repeat(depth) : '') : '[{"a":'.repeat(depth) + (closed ? '}]'.repeat(depth) : '');
  }
}

/** A document of hostile size or shape in the format. */
export function shape(format: Format, r: Random, log: string[]): string {
  const kind = r.int(10);
  const n = r.size(kind === 0 ? 10_000 : 5_000);
  const base = policyObject(r, 0);
  const statements = base.Statement as Array<Record<string, unknown>> | Record<string, unknown>;
  const first = (Array.isArray(statements) ? statements[0] : statements) ?? {};
  let text: string;
  switch (kind) {
    case 0: {
      log.push(`shape: nesting ${n}`);
      const deep = nested(format, n, r);
      if (format === 'terraform' && r.chance(0.5)) return `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = ${deep} })\n}\n`;
      if (format === 'cfn-yaml' && r.chance(0.5)) {
        // Block nesting by indentation.
        const lines = ['Resources:', '  R:', '    Type: AWS::IAM::Role', '    Properties:', '      AssumeRolePolicyDocument:'];
        for (let d = 0; d < Math.min(n, 150); d++) lines.push(`${' '.repeat(8 + 2 * d)}a${d}:`);
        return lines.join('\n') + ' x\n';
      }
      text = embed(format, `{"Version":"2012-10-17","Statement":${deep}}`, r);
      break;
    }
    case 1:
      log.push(`shape: ${n} statements`);
      base.Statement = Array.from({ length: Math.min(n, 400) }, () => ({ ...first, Sid: undefined }));
      text = embed(format, base, r);
      break;
    case 2:
      log.push(`shape: ${n} principals`);
      first.Principal = { AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(111122223333 + i).padStart(12, '0')}:role/r${i}`) };
      text = embed(format, base, r);
      break;
    case 3:
      log.push(`shape: ${n} actions`);
      first.Action = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `sts:Foo${i}` : i % 3 === 1 ? r.pick(ACTIONS) : `sts:${'*A'.repeat(1 + (i % 7))}`));
      text = embed(format, base, r);
      break;
    case 4:
      log.push(`shape: ${n} condition keys`);
      first.Condition = { StringLike: Object.fromEntries(Array.from({ length: n }, (_, i) => [`aws:PrincipalTag/k${i}`, '*a*'])) };
      text = embed(format, base, r);
      break;
    case 5:
      log.push(`shape: ${n} values`);
      first.Condition = { [r.pick(OPERATORS)]: { [r.pick(KEYS)]: Array.from({ length: n }, (_, i) => (i % 2 ? `v${i}` : '*'.repeat(1 + (i % 9)) + 'x')) } };
      text = embed(format, base, r);
      break;
    case 6: {
      const s = hostileString(r, MAX_SHAPE_CHARS / 2);
      log.push(`shape: long string of ${s.length}`);
      const where = r.int(4);
      if (where === 0) first.Action = s;
      else if (where === 1) first.Principal = { AWS: s };
      else if (where === 2) first.Condition = { StringLike: { [s.slice(0, 200)]: s } };
      else first.Sid = s;
      text = embed(format, base, r);
      break;
    }
    case 7: {
      log.push(`shape: ${n} trailing commas`);
      const json = JSON.stringify(base);
      const i = json.lastIndexOf(']');
      text = embed(format, i > 0 ? json.slice(0, i) + ','.repeat(n) + json.slice(i) : json + ','.repeat(n), r);
      break;
    }
    case 8: {
      log.push(`shape: unmatched brackets ×${n}`);
      const b = r.pick(['{', '[', '(', '${', '%{', '"${', '<<EOF\n', ']', '}']);
      text = embed(format, base, r);
      const i = r.int(text.length + 1);
      text = text.slice(0, i) + b.repeat(Math.min(n, MAX_SHAPE_CHARS / b.length / 2)) + text.slice(i);
      break;
    }
    default: {
      if (format === 'cfn-yaml') {
        // A billion laughs: each level refers to the one before ten times.
        const levels = r.between(3, 12);
        log.push(`shape: alias bomb of ${levels} levels`);
        const lines = ['Resources:', '  R:', '    Type: AWS::IAM::Role', '    Properties:', '      Tags: &l0 [x, x, x, x, x, x, x, x, x, x]'];
        for (let l = 1; l < levels; l++) lines.push(`      T${l}: &l${l} [${Array.from({ length: 10 }, () => `*l${l - 1}`).join(', ')}]`);
        lines.push(`      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: *l${levels - 1}\n            Action: *l${levels - 1}`);
        return lines.join('\n') + '\n';
      }
      if (format === 'terraform') {
        log.push(`shape: ${n} nested interpolations`);
        return `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "${'${"'.repeat(Math.min(n, 5000))}" } }] })\n}\n`;
      }
      log.push(`shape: ${n} many-star actions`);
      first.Action = Array.from({ length: Math.min(n, 200) }, () => 'sts:' + '*'.repeat(r.size(60)) + r.pick(['', 'x', 'A*B*C', '?']));
      text = embed(format, base, r);
    }
  }
  return text.length > MAX_SHAPE_CHARS ? text.slice(0, MAX_SHAPE_CHARS) : text;
}

/**
 * Document of `format`: mostly a mutated fixture or example of that format (sometimes of
 * another, since editors meet such files too), else a generated policy, mutated or not, else a
 * hostile shape.
 */
export function document(format: Format, corpus: readonly CorpusFile[], r: Random): Document {
  const log: string[] = [];
  const own = corpus.filter((f) => f.format === format);
  const way = r.weighted([
    [60, 'mutated-file'],
    [16, 'generated'],
    [10, 'mutated-generated'],
    [5, 'other-format'],
    [6, 'shape'],
    [3, 'mutated-shape'],
  ] as const);
  let text: string;
  if (way === 'mutated-file' || way === 'other-format') {
    const file = way === 'other-format' || own.length === 0 ? r.pick(corpus) : r.pick(own);
    log.push(file.name);
    text = mutate(file.text, format, r, r.size(6), log);
  } else if (way === 'generated' || way === 'mutated-generated') {
    text = embed(format, policyObject(r), r);
    log.push('generated');
    if (way === 'mutated-generated') text = mutate(text, format, r, r.size(4), log);
  } else {
    text = shape(format, r, log);
    if (way === 'mutated-shape') text = mutate(text, format, r, r.size(3), log);
  }
  return { format, text, origin: log.join('; ') };
}

// The readers the fuzzers drive: each takes a document (and a Random for its offsets and
// requests) and calls the engine's pure functions on it the way the CLI and the editor do.
// Every call goes through `probe`, which times it and names it, so that a failure, a slow call
// or a hang is attributed to one function at one offset.
import { completeAt } from '../../src/policy/authoring/complete';
import { cursorAt } from '../../src/policy/syntax/cursor';
import { embeddedFixes, embeddedPolicyAt, embeddingKind, lintEmbedded, type EmbeddingKind } from '../../src/policy/embedded';
import { describeDecision, evaluate, type AssumeRequest } from '../../src/policy/evaluate/evaluate';
import { explainAction, explainArnParts, explainConditionKey, explainOperator, explainPrincipal, explainVersion } from '../../src/policy/evaluate/explain';
import { applyFix, FIXABLE_CODES, fixesFor } from '../../src/policy/lint/fixes';
import { lint } from '../../src/policy/lint/lint';
import { buildModel } from '../../src/policy/model/model';
import { parsePolicy } from '../../src/policy/syntax/parse';
import { summarizeStatements } from '../../src/policy/evaluate/summarize';
import type { Format } from './generate';
import { checkFindings } from './properties';
import type { Random } from './random';

/** Runs `fn` as the engine call named `label`, timing it. */
export type Probe = <T>(label: string, fn: () => T) => T;

export interface Reader {
  name: string;
  /** What it reads, and how the documents are split between formats. */
  formats: readonly Format[];
  run(text: string, format: Format, r: Random, probe: Probe): void;
}

const ACCOUNT = '111122223333';
const FILE_NAMES: Record<Format, string> = { policy: 'role.trust-policy.json', 'cfn-yaml': 'template.yaml', 'cfn-json': 'template.json', terraform: 'main.tf' };
const kindOf = (format: Format): EmbeddingKind => (format === 'terraform' ? 'terraform' : 'cloudformation');

/** Offsets the editor asks at: the ends, and places inside (more often next to punctuation). */
function offsets(text: string, r: Random, n: number): number[] {
  const out = [r.pick([0, text.length])];
  while (out.length < n) {
    const i = r.int(text.length + 1);
    out.push(r.chance(0.5) ? i : Math.min(text.length, i + 1));
  }
  return out;
}

/**
 * Hover: the token under the cursor, then every explainer on it (src/language/hover.ts picks one
 * by the cursor's context; all of them must take any token).
 */
function hover(json: string, offset: number, probe: Probe): void {
  const { context, node, text: token } = probe(`cursorAt@${offset}`, () => cursorAt(json, offset));
  if (!node || token === undefined) return;
  const principalType = context.kind === 'principal-value' ? context.principalType : 'AWS';
  const federated = () => {
    const statement = 'statement' in context ? buildModel(parsePolicy(json)).statements[context.statement] : undefined;
    return (statement?.principals ?? []).filter((p) => p.type === 'Federated').map((p) => p.item.value);
  };
  probe(`explain* ${context.kind}@${offset}`, () => [explainAction(token), explainOperator(token), explainConditionKey(token, federated()), explainVersion(token), explainPrincipal(principalType, token), explainArnParts(token)]);
}

/** A request to assume a role, partly hostile: long and starred actions, principals and context values. */
function request(r: Random): AssumeRequest {
  const long = (s: string) => s.repeat(r.size(20_000 / s.length));
  const type = r.pick(['AWS', 'AWS', 'Service', 'Federated', 'CanonicalUser'] as const);
  const id = r.weighted([
    [6, r.pick([ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/Deployer`, `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s`, 'arn:aws:iam::444455556666:root', 'lambda.amazonaws.com', 'token.actions.githubusercontent.com', `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`, 'cognito-identity.amazonaws.com', '*', ''])],
    [1, `arn:aws:iam::${ACCOUNT}:role/${long('a*')}`],
    [1, long('*')],
  ] as const);
  const action = r.weighted([
    [6, r.pick(['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:Foo123', 'sts:*', '*', 's3:GetObject', ''])],
    [1, `sts:${long('*')}`],
    [1, `sts:${long('A')}B`],
    [1, long('*a')],
    [1, `sts:${long('Assume')}`],
  ] as const);
  const context: NonNullable<AssumeRequest['context']> = {};
  for (let k = r.int(5); k > 0; k--) {
    const key = r.pick(['sts:ExternalId', 'aws:SourceAccount', 'aws:PrincipalOrgID', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:TagKeys', 'aws:PrincipalTag/team', 'aws:username', 'sts:RoleSessionName', 'token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud', 'aws:SourceIp', 'aws:CurrentTime', 'saml:aud']);
    context[key] = r.weighted<string | number | boolean | string[]>([
      [4, r.pick(['abc', ACCOUNT, 'true', '3600', 'repo:o/r:ref:refs/heads/main', '10.1.2.3', '2026-01-01T00:00:00Z', ''])],
      [1, long('a')],
      [1, long('a') + 'b'],
      [1, Array.from({ length: r.size(2000) }, (_, i) => `v${i}`)],
      [1, r.pick([0, -1, 1e308, true, false])],
    ] as const);
  }
  return { principal: { type, id }, action, context, ...(r.chance(0.3) ? { roleArn: `arn:aws:iam::${ACCOUNT}:role/R` } : {}) };
}

export const READERS: readonly Reader[] = [
  {
    name: 'json',
    formats: ['policy'],
    run(text, _format, r, probe) {
      const options = r.chance(0.5) ? { accountId: ACCOUNT } : {};
      const findings = probe('lint', () => lint(text, options));
      // Each finding is checked against the text (O(text) per finding): small documents only.
      if (text.length < 20_000) probe('lint findings (properties)', () => checkFindings(text, findings));
    },
  },
  ...(['cfn-yaml', 'cfn-json', 'terraform'] as const).map(
    (format): Reader => ({
      name: format,
      formats: [format],
      run(text, _format, r, probe) {
        probe('embeddingKind', () => embeddingKind(FILE_NAMES[format], text));
        const findings = probe(`lintEmbedded ${kindOf(format)}`, () => lintEmbedded(text, kindOf(format), r.chance(0.5) ? { accountId: ACCOUNT } : {}));
        if (text.length < 20_000) probe('lintEmbedded findings (properties)', () => checkFindings(text, findings));
      },
    }),
  ),
  {
    name: 'evaluate',
    formats: ['policy'],
    run(text, _format, r, probe) {
      for (let k = 0; k < 3; k++) {
        const req = request(r);
        const label = `evaluate ${req.principal.type} ${req.action.length > 40 ? `${req.action.slice(0, 20)}…(${req.action.length})` : req.action}`;
        const result = probe(label, () => evaluate(text, req));
        probe('describeDecision', () => describeDecision(result));
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return;
      }
      if (value && typeof value === 'object') probe('evaluate(object)', () => evaluate(value as object, request(r)));
    },
  },
  {
    // What the editor does in a policy file: completion, hover, code lenses, quick fixes.
    name: 'editor',
    formats: ['policy'],
    run(text, _format, r, probe) {
      for (const offset of offsets(text, r, 3)) {
        probe(`completeAt@${offset}`, () => completeAt(text, offset, r.chance(0.5) ? { accountId: ACCOUNT } : {}));
        hover(text, offset, probe);
      }
      probe('summarizeStatements', () => summarizeStatements(text));
      const findings = probe('lint', () => lint(text, { accountId: ACCOUNT }));
      let fixed = 0;
      for (const finding of findings) {
        if (!FIXABLE_CODES.includes(finding.code) || fixed++ >= 8) continue;
        const fixes = probe(`fixesFor ${finding.code}@${finding.offset}`, () => fixesFor(text, finding, { accountId: ACCOUNT, tabSize: r.pick([2, 4]), insertSpaces: r.chance(0.8), eol: r.pick(['\n', '\r\n']) }));
        for (const fix of fixes.slice(0, 2)) {
          const after = probe(`applyFix ${fix.title}`, () => applyFix(text, fix));
          if (after.length < 20_000) probe('lint after the fix', () => lint(after));
        }
      }
    },
  },
  {
    // What the editor does in a template or .tf file: hover through embeddedPolicyAt, quick fixes through embeddedFixes.
    name: 'editor-embedded',
    formats: ['cfn-yaml', 'cfn-json', 'terraform'],
    run(text, format, r, probe) {
      const kind = kindOf(format);
      for (const offset of offsets(text, r, 3)) {
        const at = probe(`embeddedPolicyAt ${kind}@${offset}`, () => embeddedPolicyAt(text, kind, offset, r.chance(0.5) ? { accountId: ACCOUNT } : {}));
        if (at) {
          if (!(at.offset >= 0 && at.offset <= at.json.length && at.source.start >= 0 && at.source.end <= text.length)) throw new Error(`embeddedPolicyAt@${offset}: offsets out of range ${JSON.stringify({ offset: at.offset, json: at.json.length, source: at.source, text: text.length })}`);
          hover(at.json, at.offset, probe);
        }
      }
      const findings = probe(`lintEmbedded ${kind}`, () => lintEmbedded(text, kind));
      for (const finding of findings.filter((f) => FIXABLE_CODES.includes(f.code)).slice(0, 3)) {
        const fixes = probe(`embeddedFixes ${finding.code}@${finding.offset}`, () => embeddedFixes(text, kind, finding.offset, finding.code));
        for (const fix of fixes) {
          for (const edit of fix.edits) if (!(edit.offset >= 0 && edit.offset + edit.length <= text.length)) throw new Error(`embeddedFixes ${finding.code}: edit ${edit.offset}+${edit.length} outside a text of ${text.length}`);
        }
      }
    },
  },
];

/** A reader that misbehaves on demand, to check the harness itself: it hangs on "hang", throws on "throw", is slow on "slow". Not fuzzed. */
export const HARNESS_CHECK: Reader = {
  name: 'harness-check',
  formats: ['policy'],
  run(text, _format, _r, probe) {
    probe('misbehave', () => {
      const cpu = () => process.cpuUsage().user / 1000;
      const t0 = cpu();
      if (text === 'hang') for (;;);
      if (text === 'slow') while (cpu() - t0 < 70);
      if (text === 'throw') throw new Error('thrown on purpose');
    });
  },
};

export const READER_NAMES = READERS.map((r) => r.name);
export const readerNamed = (name: string): Reader => {
  const reader = [...READERS, HARNESS_CHECK].find((r) => r.name === name);
  if (!reader) throw new Error(`no reader ${name} (readers: ${READER_NAMES.join(', ')})`);
  return reader;
};

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/policy/base/finding';
import { extractPolicies, embeddingKind } from '../../src/policy/embedded';
import { serialize, withPlausibleUnknowns } from '../../src/policy/embedded/value';
import { runRules } from '../../src/policy/lint/lint';
import type { Rule, RuleNeed, RuleOptions } from '../../src/policy/lint/rule';
import { RULES } from '../../src/policy/lint/rules';
import { mutate, policyObject } from '../fuzz/generate';
import { Random } from '../fuzz/random';
import { loadCorpus } from '../fuzz/run';

// lint() skips a rule whose meta.needs the policy lacks (rule.ts, RuleNeed). A need declared
// wrongly (the rule can report on a policy without it) would silently drop findings; here every
// document is linted with the skipping and without it, and the findings must be the same.

const root = join(__dirname, '..', '..', '..');
const SEED = 20261202;

const OPTIONS: RuleOptions[] = [{}, { accountId: '111122223333' }, { accountId: '111122223333', trustedAccounts: ['444455556666'], organizationId: 'o-abc123' }];

/**
 * Variants of a JSON policy that take away what rules need, one thing at a time, so that each
 * need is seen absent beside everything else a rule looks at: the Condition, Sid, Resource and
 * NotPrincipal elements, all statements but one, all principal entries or actions but one.
 */
function stripped(text: string): string[] {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return [];
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) return [];
  const p = policy as Record<string, unknown>;
  const statements = Array.isArray(p.Statement) ? (p.Statement as unknown[]) : [p.Statement];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  const out: string[] = [];
  const variant = (change: (s: Record<string, unknown>) => void) => {
    const copy = structuredClone(p);
    const list = Array.isArray(copy.Statement) ? (copy.Statement as unknown[]) : [copy.Statement];
    for (const s of list) if (isObject(s)) change(s);
    out.push(JSON.stringify(copy, null, 2));
  };
  for (const name of ['Condition', 'Sid', 'Resource', 'NotResource', 'NotPrincipal']) variant((s) => delete s[name]);
  variant((s) => {
    if (isObject(s.Principal)) for (const [type, value] of Object.entries(s.Principal)) if (Array.isArray(value) && value.length > 0) s.Principal[type] = value[0];
    const first = isObject(s.Principal) ? Object.keys(s.Principal)[0] : undefined;
    if (first !== undefined) s.Principal = { [first]: (s.Principal as Record<string, unknown>)[first] };
  });
  variant((s) => {
    if (Array.isArray(s.Action) && s.Action.length > 0) s.Action = s.Action[0];
  });
  for (const s of statements.slice(0, 4)) out.push(JSON.stringify({ ...p, Statement: [s] }, null, 2));
  return out;
}

/**
 * The documents of the check: the JSON policies of the fixtures, examples and corpus, the
 * policies embedded in their templates and .tf files, the rules' own examples, and their
 * stripped variants (`seeds`); then those mutated, and generated policies (`all`).
 */
function documents(): { policies: string[]; seeds: string[]; all: string[] } {
  const policies: string[] = [];
  for (const file of loadCorpus(root)) {
    if (file.format === 'policy') policies.push(file.text);
    const kind = embeddingKind(file.name, file.text);
    if (!kind) continue;
    for (const policy of extractPolicies(file.text, kind, { accountId: '111122223333' })) {
      policies.push(policy.raw ? policy.raw.text : serialize(withPlausibleUnknowns(policy.value, '111122223333')).text);
    }
  }
  for (const rule of RULES) policies.push(rule.meta.badExample, rule.meta.goodExample);
  const small = policies.filter((text) => text.length <= 8192);
  const seeds = [...small, ...small.flatMap(stripped)];
  const all = [...seeds];
  const r = new Random(SEED);
  for (let i = 0; i < 1000; i++) all.push(mutate(r.pick(seeds), 'policy', r, r.between(1, 4), []));
  for (let i = 0; i < 1500; i++) {
    const text = JSON.stringify(policyObject(r), null, r.pick([0, 2]));
    all.push(text, ...(i % 10 === 0 ? stripped(text) : []));
  }
  return { policies: small, seeds, all };
}

/** The codes whose findings differ between the two lists. */
function differingCodes(a: readonly Finding[], b: readonly Finding[]): string[] {
  const show = (fs: readonly Finding[], code: string) => JSON.stringify(fs.filter((f) => f.code === code));
  const codes = new Set([...a, ...b].map((f) => f.code));
  return [...codes].filter((code) => show(a, code) !== show(b, code));
}

/**
 * For each document and each set of options, lints with and without the skipping; returns the
 * mismatches (the first three documents of each rule whose findings differ) and the codes seen
 * in the full lint.
 */
function compare(rules: readonly Rule[], texts: readonly string[]): { mismatches: string[]; reported: Set<string> } {
  const byCode = new Map<string, string[]>();
  const reported = new Set<string>();
  texts.forEach((text, i) => {
    const options = OPTIONS[i % OPTIONS.length]!;
    const all = runRules(text, rules, options, false);
    for (const f of all) reported.add(f.code);
    const skipping = runRules(text, rules, options);
    if (JSON.stringify(skipping) === JSON.stringify(all)) return;
    for (const code of differingCodes(all, skipping)) {
      const list = byCode.get(code) ?? [];
      if (list.length < 3) list.push(`${code} on ${JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text)}`);
      byCode.set(code, list);
    }
  });
  return { mismatches: [...byCode.values()].flat(), reported };
}

describe('rules skipped by their meta.needs', () => {
  const { policies, seeds, all } = documents();

  it('find the same as every rule run, on fixtures, corpus, examples, their variants and generated policies', () => {
    // A clean clone has no third-party corpus (test/fixtures/corpus/ is not committed): 1,812 seeds, 5,694 documents then.
    assert.ok(seeds.length > 1500 && all.length > 5000, `${seeds.length} seeds, ${all.length} documents`);
    const { mismatches, reported } = compare(RULES, all);
    assert.deepEqual(mismatches, [], 'a rule reports on policies without what its meta.needs declares');
    // A rule that never reports here could declare any needs unseen: each rule that declares
    // needs must report on some document, so that a wrong declaration shows up above.
    const silent = RULES.filter((rule) => rule.meta.needs && !reported.has(rule.meta.code)).map((rule) => rule.meta.code);
    assert.deepEqual(silent, [], 'rules with needs that no document makes report');
  });

  it('catches a rule that declares a need it can report without', () => {
    // oidc-missing-condition reports a web-identity provider trusted with no condition at all,
    // so claiming it needs a Condition is wrong; principal-missing needs nothing.
    const wrong = (code: string, need: RuleNeed): Rule[] =>
      RULES.map((rule) => (rule.meta.code === code ? { ...rule, meta: { ...rule.meta, needs: [...(rule.meta.needs ?? []), need] } } : rule));
    for (const [code, need] of [
      ['oidc-missing-condition', 'condition'],
      ['principal-missing', 'sid'],
      ['public-principal', 'condition'],
    ] as const) {
      const { mismatches } = compare(wrong(code, need), policies);
      assert.ok(mismatches.some((m) => m.startsWith(`${code} on `)), `${code} declared to need ${need}: ${mismatches[0] ?? 'not caught'}`);
    }
  });
});

/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`) as IAM reads
 * them: IAM User Guide, "IAM policy elements: Variables and tags"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), and the
 * variable checks of the Access Analyzer policy check reference
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
 * "Missing brace in variable", "Missing quote in variable", "Unsupported space in variable",
 * "Empty variable". Scanned in one pass, without regular expressions over the whole value.
 */

export type VariableProblem = 'missing-brace' | 'empty' | 'space' | 'missing-quote';

export interface PolicyVariable {
  /** Offset of `$` in the value. */
  start: number;
  /** The text between `${` and `}` (to the end of the value when the brace is missing). */
  body: string;
  problem: VariableProblem | undefined;
}

/** The three variables that stand for a literal character. */
const SPECIAL = new Set(['*', '?', '$']);

/** Every `${…}` of a value, each with what is wrong with it, if anything. */
export function policyVariables(value: string): PolicyVariable[] {
  const found: PolicyVariable[] = [];
  let at = value.indexOf('${');
  // The next `}` is searched again only once passed, so that "${${${…" without one stays linear.
  let close = at >= 0 ? value.indexOf('}', at + 2) : -1;
  while (at >= 0) {
    if (close >= 0 && close < at + 2) close = value.indexOf('}', at + 2);
    const next = value.indexOf('${', at + 2);
    if (close < 0 || (next >= 0 && next < close)) {
      found.push({ start: at, body: value.slice(at + 2, next >= 0 ? next : value.length), problem: 'missing-brace' });
      at = next;
      continue;
    }
    const body = value.slice(at + 2, close);
    found.push({ start: at, body, problem: bodyProblem(body) });
    at = value.indexOf('${', close + 1);
  }
  return found;
}

function bodyProblem(body: string): VariableProblem | undefined {
  if (SPECIAL.has(body)) return undefined;
  const comma = body.indexOf(',');
  const name = comma < 0 ? body : body.slice(0, comma);
  if (name.trim() === '') return 'empty';
  if (/\s/.test(name)) return 'space';
  if (comma >= 0) {
    const fallback = body.slice(comma + 1).trim();
    if (fallback.length < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) return 'missing-quote';
  }
  return undefined;
}

/** In words, for messages. */
export const VARIABLE_PROBLEMS: Record<VariableProblem, string> = {
  'missing-brace': 'has no closing brace: add } after the variable name',
  empty: 'is empty: name a request key, e.g. ${aws:username}, or remove the ${}',
  space: 'has a space in its name: remove it (only a default value may hold spaces, as in ${aws:username, \'anonymous\'})',
  'missing-quote': "has a default value without its single quotes: write ${key, 'default'}",
};

import { compileGlob } from '../../base/glob';
import { ipRangeContains, parseIpRange } from '../../iam/ipRanges';
import type { ConditionEntry, Item } from '../../model/model';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Suggestion – Redundant condition value num" (the numeric case; the same
// reasoning holds for dates, repeated values, a value a wildcard of the list already matches and
// an IP range inside another):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-redundant-condition-value-num
// A condition with several values for one key matches when any value does (IAM User Guide,
// "Multiple values in a condition": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).

/** Above this many wildcard values in one list, only exact repeats are looked for. */
const MAX_PATTERNS = 64;

interface Redundancy {
  item: Item;
  because: Item;
  why: string;
}

function repeats(entry: ConditionEntry, values: Item[]): Redundancy[] {
  const ignoreCase = /IgnoreCase/.test(entry.op.base ?? '');
  const first = new Map<string, Item>();
  const found: Redundancy[] = [];
  for (const item of values) {
    const key = ignoreCase ? item.value.toLowerCase() : item.value;
    const earlier = first.get(key);
    if (earlier) found.push({ item, because: earlier, why: `is listed twice${ignoreCase ? ' (this operator ignores case)' : ''}` });
    else first.set(key, item);
  }
  return found;
}

/**
 * ArnLike matches each of an ARN's six parts on its own: a wildcard never spans a colon before the
 * resource (IAM User Guide, ARN condition operators:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
function arnMatcher(pattern: string): (text: string) => boolean {
  const split = (text: string) => {
    const parts = text.split(':');
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const patternParts = split(pattern);
  if (!patternParts) return () => false;
  const matchers = patternParts.map((part) => compileGlob(part));
  return (text) => {
    const parts = split(text);
    return parts !== undefined && matchers.every((matches, i) => matches(parts[i]!));
  };
}

/** A literal value that a wildcard value of the same Like list already matches. */
function coveredByPattern(values: Item[], arn: boolean): Redundancy[] {
  const patterns = values.filter((v) => /[*?]/.test(v.value) && !v.value.includes('${'));
  if (patterns.length === 0 || patterns.length > MAX_PATTERNS) return [];
  const matchers = patterns.map((p) => ({ item: p, matches: arn ? arnMatcher(p.value) : compileGlob(p.value) }));
  const found: Redundancy[] = [];
  for (const item of values) {
    if (/[*?]/.test(item.value) || item.value.includes('${')) continue;
    const cover = matchers.find((m) => m.matches(item.value));
    if (cover) found.push({ item, because: cover.item, why: `is already matched by "${cover.item.value}"` });
  }
  return found;
}

/** Numeric or date bounds: only the widest one counts. */
function bounds(entry: ConditionEntry, values: Item[]): Redundancy[] {
  const base = entry.op.base ?? '';
  const less = /LessThan/.test(base);
  if (!less && !/GreaterThan/.test(base)) return [];
  const parse = entry.op.valueType === 'Numeric' ? (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN) : (v: string) => (/^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));
  const numbers = values.map((v) => parse(v.value));
  if (numbers.some((n) => Number.isNaN(n))) return []; // condition-type-mismatch's values
  // A loop, not Math.max(...numbers): a list of 200,000 values would overflow the call stack.
  let best = 0;
  for (let i = 1; i < numbers.length; i++) if (less ? numbers[i]! > numbers[best]! : numbers[i]! < numbers[best]!) best = i;
  const widest = values[best]!;
  return values
    .filter((v, i) => i !== best && numbers[i] !== undefined && v !== widest)
    .map((item) => ({ item, because: widest, why: `is within "${widest.value}": ${entry.operator} matches when any value does, so only the ${less ? 'greatest' : 'least'} one counts` }));
}

/** IP ranges inside another range of the list. */
function nestedRanges(values: Item[]): Redundancy[] {
  if (values.length > MAX_PATTERNS) return [];
  const ranges = values.map((v) => parseIpRange(v.value));
  if (ranges.some((r) => r === undefined)) return [];
  const found: Redundancy[] = [];
  values.forEach((item, i) => {
    const j = ranges.findIndex((outer, k) => k !== i && ipRangeContains(outer!, ranges[i]!) && (outer!.bits < ranges[i]!.bits || outer!.first !== ranges[i]!.first || k < i));
    if (j >= 0) found.push({ item, because: values[j]!, why: `lies within "${values[j]!.value}"` });
  });
  return found;
}

export const redundantConditionValue: Rule = {
  meta: {
    code: 'redundant-condition-value',
    severity: 'suggestion',
    needs: ['multiple-values'],
    description: 'A condition value that another value of the same list already covers: a repeat, a value a wildcard of the list matches, a bound inside a wider one (NumericLessThan ["2700", "3600"]), an IP range inside another.',
    rationale:
      'A condition with several values for one key matches when any of them does (for the negated operators: when none does), so a value that another already covers changes nothing. IAM Access Analyzer reports the numeric case as "Redundant condition value num". Bool and Null lists are condition-multiple-bool\'s. Source: IAM User Guide, Access Analyzer policy check reference, "Redundant condition value num" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), and Multiple values in a condition (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": ["2700", "3600"] } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": "3600" } }
  }]
}`,
    accessAnalyzer: 'Redundant condition value num',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const type = entry.op.valueType;
        if (!type || type === 'Bool' || type === 'Null' || entry.values.length < 2) continue;
        const values = entry.values.filter((v) => v.kind === 'string' || v.kind === 'number');
        const found = repeats(entry, values);
        const reported = new Set(found.map((r) => r.item));
        const rest = values.filter((v) => !reported.has(v));
        const more =
          entry.op.globbing ? coveredByPattern(rest, type === 'ARN')
          : type === 'Numeric' || type === 'Date' ? bounds(entry, rest)
          : type === 'IPAddress' ? nestedRanges(rest)
          : [];
        // Pushed one by one: push(...more) of a long list would overflow the call stack.
        for (const r of more) found.push(r);
        for (const r of found.sort((a, b) => a.item.node.offset - b.item.node.offset)) {
          reportAt(r.item.node, `"${r.item.value}" ${r.why}: remove it`, [{ node: r.because.node, message: 'covers it' }]);
        }
      }
    }
  },
};

import { lookupConditionKey, stsAction } from './iamData';
import type { ConditionEntry, Statement } from './model';
import { parseOperator } from './operators';

/**
 * The condition entries that restrict a key to known values: a positive operator (not a Not
 * form, not IfExists — both also pass when the key is absent), not a set operator's
 * ForAllValues (true for an empty set), with at least one value that is not a bare `*`.
 */
export function restrictingEntries(statement: Statement): ConditionEntry[] {
  return statement.conditions.filter((entry) => {
    const op = parseOperator(entry.operator);
    if (!op.base || op.negated || op.ifExists || op.base === 'Null' || op.setOperator === 'ForAllValues') return false;
    return entry.values.some((v) => v.kind !== 'object' && v.kind !== 'array' && v.value !== '' && v.value !== '*');
  });
}

/** Lower-case keys that restrictingEntries() covers. */
export function restrictedKeys(statement: Statement): Set<string> {
  return new Set(restrictingEntries(statement).map((e) => e.key.toLowerCase()));
}

/** The statement's actions as names without `sts:` (wildcards kept), when they are sts ones. */
export function stsActionNames(statement: Statement): string[] {
  return statement.actions.filter((a) => a.kind === 'string' && /^sts:/i.test(a.value)).map((a) => a.value.slice(4));
}

/** Whether a service-less key is one the statement's sts actions receive (per the IAM data). */
export function actionReceivesKey(actionName: string, key: string): boolean {
  const action = stsAction(actionName);
  if (!action) return false;
  const info = lookupConditionKey(key);
  const canonical = (info?.name ?? key).toLowerCase();
  return action.conditionKeys.some((k) => k.toLowerCase() === canonical);
}

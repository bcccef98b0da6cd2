// Shared by the rules on service-trust conditions that look protective but bind nothing
// (issue 14; prowler's service-trust check): which statements they look at and which keys.
import type { ConditionEntry, Statement } from '../../model/model';
import { isAllow, principalEntries } from '../../model/statements';

/** The confused-deputy keys (lower case); the same set service-confused-deputy accepts. */
export const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

/** Whether an Allow statement trusts a service principal. */
export function trustsService(statement: Statement): boolean {
  return isAllow(statement) && principalEntries(statement).some((p) => p.type === 'Service');
}

/** The statement's condition entries on source keys. */
export function sourceEntries(statement: Statement): ConditionEntry[] {
  return statement.conditions.filter((e) => SOURCE_KEYS.includes(e.lowerKey));
}

/** Whether the statement guards the key with Null: false (the key must be present). */
export function hasNullFalseGuard(statement: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return statement.conditions.some(
    (e) => e.op.base === 'Null' && !e.op.setOperator && e.lowerKey === lower && e.values.length > 0 && e.values.every((v) => v.value.toLowerCase() === 'false'),
  );
}

import { compileGlob } from '../base/glob';
import { allStsActions, isKnownService, TRUST_ACTIONS } from './iamData';
import { memoize } from '../base/memoize';

/** The sts actions that mean something in a trust policy. */
export const TRUST_ACTION_NAMES: readonly string[] = Object.keys(TRUST_ACTIONS);

export interface ParsedAction {
  service: string;
  name: string;
}

/**
 * `service:Name` (wildcards allowed in the name); `*` is every action. Undefined when malformed.
 * Remembered, since three rules parse every action; results are shared and must not be changed.
 */
export const parseAction = memoize((text: string): ParsedAction | undefined => {
  if (text === '*') return { service: '*', name: '*' };
  const match = /^([a-zA-Z0-9-]+):([A-Za-z0-9*?]+)$/.exec(text);
  return match ? { service: match[1]!, name: match[2]! } : undefined;
});

/** Whether an action pattern (`sts:Assume*`, `sts:*`, `*`) covers an sts action name (case-insensitive). */
export function matchesAction(pattern: string, stsName: string): boolean {
  return stsMatcher(pattern)(stsName);
}

/** A pattern's test for sts action names, compiled once (remembered; hostile patterns are long). */
const stsMatcher = memoize((pattern: string): ((stsName: string) => boolean) => {
  const parsed = parseAction(pattern);
  if (!parsed) return () => false;
  if (parsed.service === '*') return () => true;
  if (parsed.service.toLowerCase() !== 'sts') return () => false;
  return compileGlob(parsed.name, true);
});

/** The real sts actions a pattern covers (remembered; do not change the list). */
export const stsActionsMatching = memoize((pattern: string): string[] =>
  allStsActions()
    .map((a) => a.name)
    .filter((name) => matchesAction(pattern, name)),
);

/** Whether a service prefix exists (non-sts actions are not in our data; their service is). */
export function serviceExists(service: string): boolean {
  return service === '*' || isKnownService(service);
}

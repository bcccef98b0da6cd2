import type { Rule } from '../rule';

/** The actions rules, one per file beside this one, in the order their findings are listed. */
export const ACTIONS_RULES: Rule[] = [];

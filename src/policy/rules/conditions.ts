import type { Rule } from '../rule';

/** The conditions rules, one per file beside this one, in the order their findings are listed. */
export const CONDITIONS_RULES: Rule[] = [];

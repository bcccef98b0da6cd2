import type { Rule } from '../rule';

/** The principals rules, one per file beside this one, in the order their findings are listed. */
export const PRINCIPALS_RULES: Rule[] = [];

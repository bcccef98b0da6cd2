import type { Rule } from '../rule';
import { ACTIONS_RULES } from './actions';
import { CONDITIONS_RULES } from './conditions';
import { PRINCIPALS_RULES } from './principals';
import { STRUCTURE_RULES } from './structure';

/** Every rule. Their metadata is the one source of --list-rules, docs/rules.md and the editor. */
export const RULES: readonly Rule[] = [...STRUCTURE_RULES, ...PRINCIPALS_RULES, ...ACTIONS_RULES, ...CONDITIONS_RULES];

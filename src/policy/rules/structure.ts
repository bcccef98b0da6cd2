import type { Rule } from '../rule';
import { jsonSyntax } from './jsonSyntax';

/** The structure rules, one per file beside this one, in the order their findings are listed. */
export const STRUCTURE_RULES: Rule[] = [jsonSyntax];

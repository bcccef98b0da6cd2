import type { Rule } from '../rule';
import { jsonSyntax } from './jsonSyntax';

/** Every rule, in the order their findings are reported for the same position. */
export const RULES: readonly Rule[] = [jsonSyntax];

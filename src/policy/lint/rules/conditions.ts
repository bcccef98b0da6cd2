import type { Rule } from '../rule';
import { arnKeyStringOperator } from './arnKeyStringOperator';
import { conditionKeyInvalid } from './conditionKeyInvalid';
import { conditionKeyNotApplicable } from './conditionKeyNotApplicable';
import { conditionOperatorInvalid } from './conditionOperatorInvalid';
import { conditionTypeMismatch } from './conditionTypeMismatch';
import { forallvaluesSingleValued } from './forallvaluesSingleValued';
import { mfaBoolPattern } from './mfaBoolPattern';
import { oidcMissingCondition } from './oidcMissingCondition';
import { oidcMissingSub } from './oidcMissingSub';
import { oidcWildcardSub } from './oidcWildcardSub';
import { wildcardWithoutLike } from './wildcardWithoutLike';

/** The condition rules, one per file beside this one, in the order their findings are listed. */
export const CONDITIONS_RULES: Rule[] = [
  conditionOperatorInvalid,
  conditionKeyInvalid,
  conditionTypeMismatch,
  conditionKeyNotApplicable,
  forallvaluesSingleValued,
  wildcardWithoutLike,
  mfaBoolPattern,
  oidcMissingCondition,
  oidcMissingSub,
  oidcWildcardSub,
  arnKeyStringOperator,
];

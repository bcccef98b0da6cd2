import type { Rule } from '../rule';
import { arnKeyStringOperator } from './arnKeyStringOperator';
import { conditionKeyDeprecated } from './conditionKeyDeprecated';
import { conditionKeyInvalid } from './conditionKeyInvalid';
import { conditionKeyNotApplicable } from './conditionKeyNotApplicable';
import { conditionOperatorInvalid } from './conditionOperatorInvalid';
import { conditionMultipleBool } from './conditionMultipleBool';
import { conditionTypeMismatch } from './conditionTypeMismatch';
import { forallvaluesSingleValued } from './forallvaluesSingleValued';
import { ipRangeHostBits } from './ipRangeHostBits';
import { mfaBoolPattern } from './mfaBoolPattern';
import { oidcMissingCondition } from './oidcMissingCondition';
import { oidcMissingSub } from './oidcMissingSub';
import { oidcWildcardSub } from './oidcWildcardSub';
import { oidcSubjectBroad } from './oidcSubjectBroad';
import { oidcSubjectNeverMatches } from './oidcSubjectNeverMatches';
import { cognitoUnauthenticated } from './cognitoUnauthenticated';
import { sourceConditionNegated } from './sourceConditionNegated';
import { sourceConditionIfExists } from './sourceConditionIfExists';
import { sourceArnNoAccount } from './sourceArnNoAccount';
import { resourceAccountInTrust } from './resourceAccountInTrust';
import { policyVariableInvalid } from './policyVariableInvalid';
import { policyVariableNotAllowed } from './policyVariableNotAllowed';
import { redundantConditionValue } from './redundantConditionValue';
import { sourceIpPrivate } from './sourceIpPrivate';
import { wildcardWithoutLike } from './wildcardWithoutLike';

/** The condition rules, one per file beside this one, in the order their findings are listed. */
export const CONDITIONS_RULES: Rule[] = [
  conditionOperatorInvalid,
  conditionKeyInvalid,
  conditionKeyDeprecated,
  conditionTypeMismatch,
  policyVariableInvalid,
  policyVariableNotAllowed,
  conditionMultipleBool,
  sourceIpPrivate,
  ipRangeHostBits,
  conditionKeyNotApplicable,
  forallvaluesSingleValued,
  wildcardWithoutLike,
  mfaBoolPattern,
  oidcMissingCondition,
  oidcMissingSub,
  oidcWildcardSub,
  oidcSubjectBroad,
  oidcSubjectNeverMatches,
  cognitoUnauthenticated,
  sourceConditionNegated,
  sourceConditionIfExists,
  sourceArnNoAccount,
  resourceAccountInTrust,
  arnKeyStringOperator,
  redundantConditionValue,
];

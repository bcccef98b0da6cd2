import type { Rule } from '../rule';
import { actionInvalid } from './actionInvalid';
import { actionMissing } from './actionMissing';
import { actionPrincipalMismatch } from './actionPrincipalMismatch';
import { actionUnsupported } from './actionUnsupported';
import { actionWildcard } from './actionWildcard';
import { missingActionForConditionKey } from './missingActionForConditionKey';
import { redundantAction } from './redundantAction';
import { rolesanywhereMissingActions } from './rolesanywhereMissingActions';

/** The action rules, one per file beside this one, in the order their findings are listed. */
export const ACTIONS_RULES: Rule[] = [
  actionMissing,
  actionInvalid,
  actionUnsupported,
  actionPrincipalMismatch,
  rolesanywhereMissingActions,
  missingActionForConditionKey,
  actionWildcard,
  redundantAction,
];

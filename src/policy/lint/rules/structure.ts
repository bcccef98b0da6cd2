import type { Rule } from '../rule';
import { duplicateKey } from './duplicateKey';
import { effectInvalid } from './effectInvalid';
import { emptyValue } from './emptyValue';
import { jsonSyntax } from './jsonSyntax';
import { redundantStatement } from './redundantStatement';
import { resourceNotAllowed } from './resourceNotAllowed';
import { sidDuplicate } from './sidDuplicate';
import { sidInvalid } from './sidInvalid';
import { sizeExceedsDefaultQuota } from './sizeExceedsDefaultQuota';
import { sizeExceedsQuota } from './sizeExceedsQuota';
import { statementMissing } from './statementMissing';
import { unknownElement } from './unknownElement';
import { versionInvalid } from './versionInvalid';
import { versionLegacy } from './versionLegacy';
import { versionMissing } from './versionMissing';

/** The structure rules, one per file beside this one, in the order their findings are listed. */
export const STRUCTURE_RULES: Rule[] = [
  jsonSyntax,
  duplicateKey,
  unknownElement,
  versionInvalid,
  versionMissing,
  versionLegacy,
  statementMissing,
  effectInvalid,
  sidInvalid,
  sidDuplicate,
  resourceNotAllowed,
  emptyValue,
  sizeExceedsQuota,
  sizeExceedsDefaultQuota,
  redundantStatement,
];

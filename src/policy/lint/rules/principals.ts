import type { Rule } from '../rule';
import { crossAccountWithoutExternalId } from './crossAccountWithoutExternalId';
import { federatedInvalid } from './federatedInvalid';
import { notPrincipalUnsupported } from './notPrincipalUnsupported';
import { principalInvalid } from './principalInvalid';
import { principalMissing } from './principalMissing';
import { publicPrincipal } from './publicPrincipal';
import { serviceConfusedDeputy } from './serviceConfusedDeputy';

/** The principal rules, one per file beside this one, in the order their findings are listed. */
export const PRINCIPALS_RULES: Rule[] = [
  principalMissing,
  notPrincipalUnsupported,
  principalInvalid,
  federatedInvalid,
  publicPrincipal,
  crossAccountWithoutExternalId,
  serviceConfusedDeputy,
];

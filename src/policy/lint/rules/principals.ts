import type { Rule } from '../rule';
import { crossAccountWithoutExternalId } from './crossAccountWithoutExternalId';
import { federatedInvalid } from './federatedInvalid';
import { notPrincipalUnsupported } from './notPrincipalUnsupported';
import { principalInvalid } from './principalInvalid';
import { principalMissing } from './principalMissing';
import { principalUniqueId } from './principalUniqueId';
import { principalWildcardUnsupported } from './principalWildcardUnsupported';
import { publicPrincipal } from './publicPrincipal';
import { redundantPrincipal } from './redundantPrincipal';
import { serviceConfusedDeputy } from './serviceConfusedDeputy';
import { servicePrincipalCase } from './servicePrincipalCase';

/** The principal rules, one per file beside this one, in the order their findings are listed. */
export const PRINCIPALS_RULES: Rule[] = [
  principalMissing,
  notPrincipalUnsupported,
  principalInvalid,
  principalWildcardUnsupported,
  principalUniqueId,
  servicePrincipalCase,
  federatedInvalid,
  publicPrincipal,
  crossAccountWithoutExternalId,
  serviceConfusedDeputy,
  redundantPrincipal,
];

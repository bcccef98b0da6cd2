import { federatedProvider } from '../../iam/iamData';
import type { Rule } from '../rule';
import { allowedStsActions, anotherStatementAllows, principalEntries } from '../../model/statements';

const FEDERATION_ACTIONS = ['AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'];

/** Actions that come with an AssumeRole* call rather than being one: a statement may give them apart. */
const COMPANION_ACTIONS = ['TagSession', 'SetSourceIdentity', 'SetContext'];

/** Whether the set has actions, all of them among `names` (without copying the set to an array). */
function onlyAmong(allowed: ReadonlySet<string>, names: readonly string[]): boolean {
  if (allowed.size === 0) return false;
  for (const action of allowed) if (!names.includes(action)) return false;
  return true;
}

export const actionPrincipalMismatch: Rule = {
  meta: {
    code: 'action-principal-mismatch',
    severity: 'error',
    description: 'The action does not fit the principal: SAML needs sts:AssumeRoleWithSAML, OIDC needs sts:AssumeRoleWithWebIdentity, AWS and service principals need sts:AssumeRole.',
    rationale:
      'Each kind of caller reaches a role through its own STS call. A GitHub Actions workflow calls AssumeRoleWithWebIdentity, a SAML user AssumeRoleWithSAML, an IAM principal or a service AssumeRole; a statement allowing only the wrong one never lets its principal in.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:saml-provider/Okta" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:saml-provider/Okta" },
    "Action": "sts:AssumeRoleWithSAML",
    "Condition": { "StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" } }
  }]
}`,
    accessAnalyzer: 'Mismatched action for principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      const actionValue = statement.elements.get('Action')?.value;
      if (!actionValue || statement.actions.length === 0) continue;
      const allowed = allowedStsActions(statement);
      const problems: string[] = [];
      let needsAssumeRole = false;
      for (const entry of principalEntries(statement)) {
        if (entry.item.kind !== 'string') continue;
        if (entry.type === 'Federated') {
          const kind = federatedProvider(entry.item.value)?.kind;
          if (!kind) continue;
          const wanted = kind === 'saml' ? 'AssumeRoleWithSAML' : 'AssumeRoleWithWebIdentity';
          if (allowed.has(wanted)) continue;
          // AWS documents giving sts:SetSourceIdentity or sts:TagSession to a provider in a
          // statement of its own, beside the statement that allows its AssumeRoleWith… call.
          const companionsOnly = onlyAmong(allowed, COMPANION_ACTIONS);
          if (companionsOnly && anotherStatementAllows(model.statements, statement, entry.type, entry.item.value, wanted)) continue;
          problems.push(`${entry.item.value} signs in with sts:${wanted}, which this statement does not allow`);
        } else if (entry.type === 'AWS' || entry.type === 'Service' || entry.type === '*') {
          needsAssumeRole = true;
        }
      }
      if (needsAssumeRole && onlyAmong(allowed, FEDERATION_ACTIONS)) {
        problems.push('AWS and service principals call sts:AssumeRole, which this statement does not allow');
      }
      if (problems.length > 0) reportAt(actionValue, `${problems.join('; ')}`);
    }
  },
};

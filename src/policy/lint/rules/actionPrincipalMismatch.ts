import { federatedProvider } from '../../iam/iamData';
import type { Rule } from '../rule';
import type { Statement } from '../../model/model';
import { stsActionsMatching } from '../../iam/actions';
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
      'Each kind of caller reaches a role through its own STS call. A GitHub Actions workflow calls AssumeRoleWithWebIdentity, a SAML user AssumeRoleWithSAML, an IAM principal or a service AssumeRole; a statement allowing only the wrong one never lets its principal in. So does an Allow with NotAction that leaves out that call ("NotAction": "sts:AssumeRole" for a service).',
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
      if (!actionValue) {
        notActionMismatch(statement, reportAt);
        continue;
      }
      if (statement.actions.length === 0) continue;
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

/** The STS call a principal signs in with; undefined for an unreadable one. */
function signInAction(type: string, value: string): string | undefined {
  if (type === 'Federated') {
    const kind = federatedProvider(value)?.kind;
    return kind === undefined ? undefined : kind === 'saml' ? 'AssumeRoleWithSAML' : 'AssumeRoleWithWebIdentity';
  }
  return type === 'AWS' || type === 'Service' || type === '*' ? 'AssumeRole' : undefined;
}

/**
 * An Allow statement with NotAction allows every action but the ones it lists: when those take
 * in the very call its principal signs in with (cfn_nag's test template: ec2.amazonaws.com with
 * "NotAction": "sts:AssumeRole"), the statement never lets that principal in.
 */
function notActionMismatch(statement: Statement, reportAt: Parameters<Rule['check']>[0]['reportAt']): void {
  const notActionValue = statement.elements.get('NotAction')?.value;
  if (!notActionValue || statement.effect !== 'Allow') return;
  const excluded = new Set<string>();
  for (const item of statement.notActions) if (item.kind === 'string') for (const name of stsActionsMatching(item.value)) excluded.add(name);
  if (excluded.size === 0) return;
  const problems: string[] = [];
  for (const entry of principalEntries(statement)) {
    if (entry.item.kind !== 'string') continue;
    const wanted = signInAction(entry.type, entry.item.value);
    if (wanted && excluded.has(wanted)) problems.push(`${entry.type === '*' ? 'everyone' : entry.item.value} signs in with sts:${wanted}`);
  }
  if (problems.length > 0) reportAt(notActionValue, `NotAction leaves out the call the principal signs in with, so this statement never lets it in: ${problems.join('; ')}`);
}

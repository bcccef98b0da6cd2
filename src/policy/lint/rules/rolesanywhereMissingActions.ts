import type { Rule } from '../rule';
import { allowedStsActions, principalEntries } from '../../model/statements';

const REQUIRED = ['AssumeRole', 'TagSession', 'SetSourceIdentity'];

export const rolesanywhereMissingActions: Rule = {
  meta: {
    code: 'rolesanywhere-missing-actions',
    severity: 'warning',
    needs: ['service'],
    description: 'IAM Roles Anywhere is trusted without all of sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity.',
    rationale:
      'Roles Anywhere creates sessions for workloads outside AWS by calling AssumeRole with session tags (from the certificate) and a source identity: without sts:TagSession and sts:SetSourceIdentity the call fails.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "rolesanywhere.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnEquals": { "aws:SourceArn": "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/a1b2c3" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "rolesanywhere.amazonaws.com" },
    "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
    "Condition": { "ArnEquals": { "aws:SourceArn": "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/a1b2c3" } }
  }]
}`,
    accessAnalyzer: 'Missing actions for Roles Anywhere',
  },
  check({ model, reportAt }) {
    // IAM judges the policy as a whole: the three actions may be given in separate statements
    // (AWS's EKS hybrid nodes example does). Reported once, at the first statement's Action.
    const granted = new Set<string>();
    let first: { statement: (typeof model.statements)[number]; node: Parameters<typeof reportAt>[0] } | undefined;
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      const entry = principalEntries(statement).find(
        (e) => e.type === 'Service' && e.item.kind === 'string' && e.item.value === 'rolesanywhere.amazonaws.com',
      );
      if (!entry) continue;
      for (const action of allowedStsActions(statement)) granted.add(action);
      first ??= { statement, node: statement.elements.get('Action')?.value ?? entry.item.node };
    }
    if (!first) return;
    const missing = REQUIRED.filter((a) => !granted.has(a));
    if (missing.length > 0) {
      reportAt(first.node, `IAM Roles Anywhere also needs ${missing.map((a) => `sts:${a}`).join(' and ')}`);
    }
  },
};

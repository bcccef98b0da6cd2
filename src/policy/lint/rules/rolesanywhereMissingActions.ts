import type { Rule } from '../rule';
import { allowedStsActions, principalEntries } from '../../model/statements';

const REQUIRED = ['AssumeRole', 'TagSession', 'SetSourceIdentity'];

export const rolesanywhereMissingActions: Rule = {
  meta: {
    code: 'rolesanywhere-missing-actions',
    severity: 'warning',
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
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      const entry = principalEntries(statement).find(
        (e) => e.type === 'Service' && e.item.kind === 'string' && e.item.value === 'rolesanywhere.amazonaws.com',
      );
      if (!entry) continue;
      const allowed = allowedStsActions(statement);
      const missing = REQUIRED.filter((a) => !allowed.has(a));
      if (missing.length > 0) {
        const actionValue = statement.elements.get('Action')?.value;
        reportAt(actionValue ?? entry.item.node, `IAM Roles Anywhere also needs ${missing.map((a) => `sts:${a}`).join(' and ')}`);
      }
    }
  },
};

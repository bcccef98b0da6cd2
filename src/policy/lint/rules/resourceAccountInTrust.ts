import type { Rule } from '../rule';
import { isAllow } from '../../model/statements';

export const resourceAccountInTrust: Rule = {
  meta: {
    code: 'resource-account-in-trust',
    severity: 'warning',
    needs: ['condition'],
    description: 'aws:ResourceAccount (or aws:ResourceOrgID / aws:ResourceOrgPaths) in a trust policy, where it names the role\'s own account and so binds nothing.',
    rationale:
      'In a role trust policy the resource of sts:AssumeRole is the role itself, so aws:ResourceAccount is always the role\'s own account (and aws:ResourceOrgID its organization): the condition is true for every caller and does not protect against a confused deputy. The keys that name who the service acts for are aws:SourceAccount, aws:SourceArn, aws:SourceOrgID and aws:SourceOrgPaths (IAM User Guide, "AWS global condition context keys" and "The confused deputy problem").',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:ResourceAccount": "111122223333" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!isAllow(statement)) continue;
      for (const entry of statement.conditions) {
        const key = entry.lowerKey;
        if (key !== 'aws:resourceaccount' && key !== 'aws:resourceorgid' && key !== 'aws:resourceorgpaths') continue;
        if (!entry.op.base || entry.op.negated) continue;
        const instead = key === 'aws:resourceaccount' ? 'aws:SourceAccount' : key === 'aws:resourceorgid' ? 'aws:SourceOrgID' : 'aws:SourceOrgPaths';
        reportAt(entry.keyNode, `In a trust policy the resource is this role, so ${entry.key} is always the role's own ${key === 'aws:resourceaccount' ? 'account' : 'organization'}: it restricts no caller. To bind a service to your resources use ${instead}${key === 'aws:resourceaccount' ? ' or aws:SourceArn' : ''}; to restrict AWS principals use aws:PrincipalAccount or aws:PrincipalOrgID.`);
      }
    }
  },
};

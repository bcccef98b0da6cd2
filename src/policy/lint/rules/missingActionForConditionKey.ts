import type { Rule } from '../rule';
import type { PrincipalEntry } from '../../model/model';
import { allowedStsActions, anotherStatementAllows, principalEntries } from '../../model/statements';

/** Which action a request must be for, for it to carry the key (`k`: the key in lower case). */
function requiredAction(k: string): string | undefined {
  if (k.startsWith('aws:requesttag/') || k === 'aws:tagkeys' || k === 'sts:transitivetagkeys') return 'TagSession';
  if (k === 'sts:sourceidentity') return 'SetSourceIdentity';
  return undefined;
}

export const missingActionForConditionKey: Rule = {
  meta: {
    code: 'missing-action-for-condition-key',
    severity: 'warning',
    needs: ['condition'],
    description: 'A condition on session tags without sts:TagSession, or on sts:SourceIdentity without sts:SetSourceIdentity.',
    rationale:
      'Passing session tags is a separate permission (sts:TagSession), and so is setting a source identity (sts:SetSourceIdentity). A statement that tests aws:RequestTag, aws:TagKeys or sts:TransitiveTagKeys but does not allow sts:TagSession makes every tagged AssumeRole fail.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:RequestTag/team": "platform" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": ["sts:AssumeRole", "sts:TagSession"],
    "Condition": { "StringEquals": { "aws:RequestTag/team": "platform" } }
  }]
}`,
    accessAnalyzer: 'Missing action for condition key',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow' || statement.actions.length === 0 || statement.conditions.length === 0) continue;
      const allowed = allowedStsActions(statement);
      // IAM judges the policy as a whole: when another statement already allows the action to
      // every principal of this one (AWS's session-tags example), the call is allowed there,
      // and adding the action here would bypass that statement's own tag limits.
      let principals: PrincipalEntry[] | undefined; // made when a key first needs an action the statement lacks
      const allowedElsewhere = (action: string) => {
        principals ??= principalEntries(statement).filter((p) => p.item.kind === 'string');
        return principals.length > 0 && principals.every((p) => anotherStatementAllows(model.statements, statement, p.type, p.item.value, action));
      };
      for (const entry of statement.conditions) {
        const needed = requiredAction(entry.lowerKey);
        if (needed && !allowed.has(needed) && !allowedElsewhere(needed)) {
          reportAt(entry.keyNode, `${entry.key} is only present when the caller also calls sts:${needed}: add "sts:${needed}" to Action`);
        }
      }
    }
  },
};

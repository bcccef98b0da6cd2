import type { Severity } from '../../base/finding';
import type { Node } from 'jsonc-parser';
import { namedList } from '../../base/display';
import { CROSS_CUSTOMER_SERVICES, EXTERNAL_ID_GUARDED_SERVICES, servicePath, type ServicePath } from '../../iam/serviceTrust';
import { nodeSpan, type Rule, type RuleReport } from '../rule';
import { principalEntries, restrictedKeys } from '../../model/statements';
import { misCasedServicePrincipal } from './servicePrincipalCase';

const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

/** A service principal written out in full (no `${…}` of a template in it). */
const EXTERNAL_ID_GUARDED = new Set(EXTERNAL_ID_GUARDED_SERVICES.map((s) => s.principal));
const PLAIN_SERVICE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/**
 * Security only where the data (src/policy/iam/serviceTrust.ts) names a service with a real
 * cross-customer path; every other finding is a suggestion, because what decides it — whether
 * another account can make the service assume this role — is a fact about the service that the
 * policy does not show (issue 13, class 1).
 */
const HIGHEST: Severity = CROSS_CUSTOMER_SERVICES.length > 0 ? 'security' : 'suggestion';

const FIX = 'add an aws:SourceAccount (your account) or aws:SourceArn (your resource, with ArnLike) condition';

export const serviceConfusedDeputy: Rule = {
  meta: {
    code: 'service-confused-deputy',
    severity: HIGHEST,
    needs: ['service'],
    description: 'A service principal is trusted with no aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition.',
    rationale:
      'The cross-service confused deputy needs another customer to make the service assume your role. Most services (Lambda, CodeBuild, ECS tasks, EKS, EventBridge, Step Functions …) are given their role through iam:PassRole, which passes only roles of the caller\'s own account, so for them the condition is defence in depth: a suggestion, which says what decides it. Security is kept for services that AWS documents as assuming a role named by another customer\'s resource (the table in src/policy/iam/serviceTrust.ts, with its sources). EC2 instance profiles send no source context and are not reported.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "states.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "states.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
    accessAnalyzer: 'Restrict access to service principal',
  },
  check({ model, report }) {
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      const keys = restrictedKeys(statement);
      if (SOURCE_KEYS.some((k) => keys.has(k))) continue;
      // One finding per statement and kind of service, at the first, naming the others (AWS's
      // CodeDeploy guide lists 17 regional principals in one statement: one condition fixes
      // them all). A value that is not a plain service name (`${Param}` in a template, which
      // the template reader drops findings on) keeps a finding of its own.
      const groups = new Map<string, Array<{ service: string; node: Node }>>();
      for (const entry of principalEntries(statement)) {
        if (entry.type !== 'Service' || entry.item.kind !== 'string') continue;
        const service = entry.item.value;
        if (misCasedServicePrincipal(service)) continue; // names no service: service-principal-case's finding
        const path = servicePath(service);
        if (path === 'no-source-context') continue;
        if (keys.has('sts:externalid') && EXTERNAL_ID_GUARDED.has(service.toLowerCase().replace(/\.amazonaws\.com\.cn$/, '.amazonaws.com'))) continue;
        const key = PLAIN_SERVICE.test(service) ? path : `${path} ${groups.size}`;
        const group = groups.get(key) ?? [];
        if (group.length === 0) groups.set(key, group);
        group.push({ service, node: entry.item.node });
      }
      for (const [key, group] of groups) {
        const path = key.split(' ')[0] as ServicePath;
        const names = namedList(group.map((g) => g.service));
        const many = group.length > 1;
        let message: string;
        let severity: Severity = 'suggestion';
        if (path === 'cross-customer') {
          message = `${names} can be made to assume a role named by another customer's resource: ${FIX} so that ${many ? 'they assume' : 'it assumes'} this role only on your behalf`;
          severity = 'security';
        } else if (path === 'passed-role') {
          message = `${names} ${many ? 'get' : 'gets'} this role through iam:PassRole, which passes only roles of your own account, so another customer cannot hand ${many ? 'them' : 'it'} this role; as defence in depth, ${FIX}`;
        } else {
          message = `Whether another AWS account can make ${names} assume this role decides this: not if the service only gets it through iam:PassRole in your account; if it can, or you do not know, ${FIX}`;
        }
        // A finding lower than the rule's highest severity (RuleReport.severity where the
        // engine supports it; built apart so that it type-checks either way).
        const problem: RuleReport & { severity?: Severity } = { message, ...nodeSpan(group[0]!.node), severity };
        if (many) problem.related = group.slice(1).map((g) => ({ message: `${g.service}, in the same statement`, ...nodeSpan(g.node) }));
        report(problem);
      }
    }
  },
};

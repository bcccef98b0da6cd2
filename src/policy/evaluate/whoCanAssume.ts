/**
 * "Who can assume this role?" in words, for a language model or a report: each statement's
 * code-lens summary (summarize.ts), the principals and condition keys a request would have to
 * match (requestTemplate.ts), and, for a given caller, evaluate()'s verdict statement by
 * statement. Pure.
 */
import { describeDecision, evaluate, type AssumeRequest, type EvaluationResult } from './evaluate';
import { defaultAction, requestTemplate } from './requestTemplate';
import { summarizeStatements } from './summarize';

export interface CallerQuestion {
  /** Who calls: an ARN, a 12-digit account, a service principal or an identity provider. */
  caller: string;
  /** AWS, Service, Federated or CanonicalUser; guessed from `caller` when absent. */
  callerType?: AssumeRequest['principal']['type'];
  /** The STS action; the one this kind of caller uses when absent. */
  action?: string;
  context?: AssumeRequest['context'];
  roleArn?: string;
}

export interface WhoCanAssume {
  statements: Array<{ index: number; summary: string; detail: string }>;
  principals: RequestTemplate['principals'];
  conditionKeys: string[];
  /** Present when a caller was given. */
  check?: { request: AssumeRequest; result: EvaluationResult; explanation: string };
}

type RequestTemplate = ReturnType<typeof requestTemplate>;

/** Identity providers named by host that are federated principals although they end in amazonaws.com. */
const FEDERATED_HOSTS = /^(cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/;

/** The principal type of a caller written as text. */
export function callerType(caller: string): AssumeRequest['principal']['type'] {
  const text = caller.trim();
  if (/^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\//.test(text) || FEDERATED_HOSTS.test(text)) return 'Federated';
  if (/^arn:/.test(text) || /^\d{12}$/.test(text) || text === '*') return 'AWS';
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(text)) return 'Service';
  if (/^[0-9a-f]{64}$/.test(text)) return 'CanonicalUser';
  // Any other host name is an OIDC issuer (token.actions.githubusercontent.com, gitlab.com …).
  return 'Federated';
}

/** The summaries and, when `question` has a caller, the verdict for that caller. Never throws. */
export function whoCanAssume(policy: string, question?: CallerQuestion): WhoCanAssume {
  const template = requestTemplate(policy);
  const out: WhoCanAssume = {
    statements: summarizeStatements(policy).map((s) => ({ index: s.index, summary: s.title, detail: s.detail })),
    principals: template.principals,
    conditionKeys: template.conditionKeys,
  };
  if (question && question.caller.trim()) {
    const principal = { type: question.callerType ?? callerType(question.caller), id: question.caller.trim() };
    const request: AssumeRequest = {
      principal,
      action: question.action?.trim() || defaultAction(principal),
      ...(question.context ? { context: question.context } : {}),
      ...(question.roleArn ? { roleArn: question.roleArn } : {}),
    };
    const result = evaluate(policy, request);
    out.check = { request, result, explanation: describeDecision(result) };
  }
  return out;
}

/** The whole answer as Markdown text. */
export function whoCanAssumeMarkdown(answer: WhoCanAssume, name = 'the policy'): string {
  const lines = [`# Who can assume ${name}`, ''];
  if (answer.statements.length === 0) lines.push('No statement could be read: the text is not a trust policy (or has no Statement).', '');
  for (const s of answer.statements) lines.push(`## Statement ${s.index + 1}`, '', s.detail, '');
  if (answer.principals.length) lines.push('Principals named:', ...answer.principals.map((p) => `- ${p.type}: \`${p.id}\``), '');
  if (answer.conditionKeys.length) lines.push('Condition keys a request must carry to match:', ...answer.conditionKeys.map((k) => `- \`${k}\``), '');
  if (answer.check) {
    const { request, explanation } = answer.check;
    const context = Object.entries(request.context ?? {}).filter(([, v]) => v !== undefined);
    lines.push(
      `## Can ${request.principal.id} (${request.principal.type}) call ${request.action}?`,
      '',
      ...(context.length ? ['Request context:', ...context.map(([k, v]) => `- \`${k}\` = ${JSON.stringify(v)}`), ''] : ['Request context: none', '']),
      '```text',
      explanation,
      '```',
      '',
      'This is what the trust policy alone decides. When the caller is in another account, or the policy trusts a whole account rather than the caller itself, IAM also needs the caller\'s own identity-based policy to allow the action; SCPs, RCPs and session policies may still deny it.',
    );
  }
  return lines.join('\n').trimEnd() + '\n';
}

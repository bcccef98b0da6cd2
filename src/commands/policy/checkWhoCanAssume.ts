import * as vscode from 'vscode';
import { describeDecision, evaluate, type AssumeRequest, type EvaluationResult } from '../../policy/evaluate/evaluate';
import { defaultAction, parseContextValue, requestTemplate } from '../../policy/evaluate/requestTemplate';
import type { SessionState } from '../../session/sessionState';
import type { ExplanationDocuments } from './explanationDocument';
import { COMMANDS } from '../ids';
import { MultiStepInput, type Step } from '../session/multiStepInput';

export interface CheckArgs {
  /** The policy document; the active editor's when absent. */
  uri?: string;
  /** The request to check; asked for when absent. */
  request?: AssumeRequest;
}

/** The verdict as a markdown document: the decision, then statement by statement. */
export function explanationMarkdown(heading: string, request: AssumeRequest, result: EvaluationResult, extra: string[] = []): string {
  const verdict = result.decision === 'allowed' ? 'Allowed' : result.decision === 'explicitDeny' ? 'Denied by a Deny statement' : 'Not allowed: no statement allows it';
  const context = Object.entries(request.context ?? {}).filter(([, v]) => v !== undefined);
  const label = (s: { index: number; sid?: string }) => `statement ${s.index + 1}${s.sid ? ` (${s.sid})` : ''}`;
  // What stood in the way, first: the conditions that failed in statements that trust this caller, or the Deny that applied.
  const blockers =
    result.decision === 'explicitDeny'
      ? result.statements.filter((s) => s.effect === 'Deny' && s.applies).map((s) => `- ${label(s)} denies it`)
      : result.decision === 'implicitDeny'
        ? result.statements
            .filter((s) => s.effect === 'Allow' && s.principalMatches && s.actionMatches)
            .flatMap((s) => s.conditions.filter((c) => !c.holds).map((c) => `- ${label(s)}: ${c.reason}`))
        : [];
  return [
    `# ${heading}`,
    '',
    `**${verdict}**`,
    '',
    ...(blockers.length ? ['What refused it:', '', ...blockers, ''] : []),
    `- Caller: \`${request.principal.id}\` (${request.principal.type})`,
    `- Action: \`${request.action}\``,
    ...(context.length ? ['- Context:', ...context.map(([k, v]) => `  - \`${k}\` = ${Array.isArray(v) ? v.map((x) => `\`${x}\``).join(', ') : `\`${String(v)}\``}`)] : ['- Context: none']),
    '',
    ...extra,
    '```text',
    describeDecision(result),
    '```',
    '',
  ].join('\n');
}

interface CheckFlow {
  template: ReturnType<typeof requestTemplate>;
  sessionArn?: string;
  principal?: AssumeRequest['principal'];
  action?: string;
  context: Record<string, string | string[] | undefined>;
}

/** "IAM: Check Who Can Assume…": a caller and its request context against a trust policy, with IAM's semantics. */
export function registerCheckWhoCanAssumeCommand(state: SessionState, explanations: ExplanationDocuments): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.checkWhoCanAssume, async (args: CheckArgs = {}) => {
    const document = args.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage('Open a trust policy first: "Check Who Can Assume" checks a caller against the policy in the editor.');
      return undefined;
    }
    const text = document.getText();
    const request = args.request ?? (await ask(text, state));
    if (!request) return undefined;
    const result = evaluate(text, request);
    const name = document.uri.path.split('/').filter(Boolean).slice(-2).join('/') || document.uri.path;
    await explanations.show(`Can it assume ${name}`, explanationMarkdown(`Can ${request.principal.id} assume the role of ${name}?`, request, result));
    return result;
  });
}

async function ask(text: string, state: SessionState): Promise<AssumeRequest | undefined> {
  const session = state.live;
  const flow: CheckFlow = { template: requestTemplate(text), ...(session ? { sessionArn: session.assumedRoleArn } : {}), context: {} };
  const done = await MultiStepInput.run(pickCaller, flow, (f) => ({ title: 'Check Who Can Assume', totalSteps: 3 + f.template.conditionKeys.length }));
  if (!done || !flow.principal || !flow.action) return undefined;
  return { principal: flow.principal, action: flow.action, context: flow.context };
}

type CallerItem = vscode.QuickPickItem & { principal: AssumeRequest['principal'] };

const pickCaller: Step<CheckFlow> = async (input, flow) => {
  const items: CallerItem[] = [
    ...(flow.sessionArn ? [{ label: '$(key) This window\'s role session', description: flow.sessionArn, principal: { type: 'AWS' as const, id: flow.sessionArn } }] : []),
    ...flow.template.principals.map((p) => ({ label: p.id, description: `${p.type} principal of this policy`, principal: p })),
    { label: '$(edit) Another AWS principal (ARN or account ID)…', principal: { type: 'AWS', id: '' } },
    { label: '$(edit) Another service principal…', principal: { type: 'Service', id: '' } },
    { label: '$(edit) Another federated provider…', principal: { type: 'Federated', id: '' } },
  ];
  const picked = await input.pick({ items, placeholder: 'Who calls? Pick one and edit it next', matchOnDescription: true });
  flow.principal = { ...picked.principal };
  return editCaller;
};

const editCaller: Step<CheckFlow> = async (input, flow) => {
  const type = flow.principal!.type;
  const id = await input.input({
    value: flow.principal!.id,
    prompt:
      type === 'AWS'
        ? 'The caller: a user, role or session ARN, e.g. arn:aws:iam::111122223333:user/alice (an account principal of the policy stands for its root)'
        : type === 'Service'
          ? 'The service principal, e.g. lambda.amazonaws.com'
          : 'The identity provider: its oidc-provider or saml-provider ARN, or e.g. accounts.google.com',
    validate: (v) => (v.trim() ? undefined : 'Enter the caller'),
  });
  flow.principal = { type, id: id.trim() };
  return pickAction;
};

const pickAction: Step<CheckFlow> = async (input, flow) => {
  const suggested = defaultAction(flow.principal!);
  const actions = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'];
  const items = actions.map((label) => ({ label, ...(label === suggested ? { description: 'what this caller uses' } : {}) }));
  const picked = await input.pick({ items, placeholder: 'Which action?', activeItem: items.find((i) => i.label === suggested) });
  flow.action = picked.label;
  return flow.template.conditionKeys.length ? askContext(0) : undefined;
};

/** One question per condition key of the policy; each step knows its key, so Back asks the previous one again. */
function askContext(index: number): Step<CheckFlow> {
  return async (input, flow) => {
    const key = flow.template.conditionKeys[index]!;
    const current = flow.context[key];
    const value = await input.input({
      value: Array.isArray(current) ? current.join(', ') : (current ?? ''),
      prompt: `${key} in the request (the policy tests it): empty if the request does not carry it; several values separated by commas for a multi-valued key`,
      validate: () => undefined,
    });
    const parsed = parseContextValue(key, value);
    if (parsed === undefined) delete flow.context[key];
    else flow.context[key] = parsed;
    return index + 1 < flow.template.conditionKeys.length ? askContext(index + 1) : undefined;
  };
}

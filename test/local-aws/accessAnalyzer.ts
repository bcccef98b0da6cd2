// The IAM Access Analyzer subset the extension and the CLI call, FOR TESTS AND DEMOS, as the local
// endpoint (server.ts) answers it: the REST-JSON protocol of ValidatePolicy
// (POST /policy/validation) and CheckNoPublicAccess (POST /policy/check-no-public-access), signed
// with SigV4 for the service "access-analyzer" (server.ts checks the signature as for STS and IAM).
//
// The answers are deterministic, derived from our own engine, not Access Analyzer's:
// - ValidatePolicy: a few of our lint codes, renamed to the Access Analyzer issue codes of the
//   same checks (IAM User Guide, "Access Analyzer policy check reference"), located by a path
//   through the JSON (value/index/key elements, as Access Analyzer writes them) and a span;
// - CheckNoPublicAccess: FAIL when evaluate() lets an anonymous caller (no IAM principal, no
//   request context) assume the role with any sts:AssumeRole* action, naming those statements.
import type { IncomingMessage } from 'node:http';
import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import { evaluate } from '../../src/policy/evaluate/evaluate';
import { lint } from '../../src/policy/lint/lint';

/** Our code → the Access Analyzer check that reports the same problem, and its finding type. */
const ISSUES: Record<string, { issueCode: string; findingType: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION'; details: string }> = {
  'version-missing': { issueCode: 'MISSING_VERSION', findingType: 'WARNING', details: 'We recommend that you specify the Version element to help you with debugging permission issues.' },
  'not-principal-unsupported': { issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', findingType: 'ERROR', details: 'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.' },
  'resource-not-allowed': { issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', findingType: 'ERROR', details: 'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.' },
  'sid-duplicate': { issueCode: 'UNIQUE_SIDS_REQUIRED', findingType: 'ERROR', details: 'Duplicate statement IDs (SIDs) in a single policy are not supported for this policy type. Define custom SIDs and make sure that they are unique.' },
  'wildcard-without-like': { issueCode: 'WILDCARD_WITHOUT_LIKE_OPERATOR', findingType: 'WARNING', details: 'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.' },
  'service-confused-deputy': { issueCode: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', findingType: 'SECURITY_WARNING', details: 'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.' },
};
const LEARN_MORE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

export interface AccessAnalyzerCaller {
  arn: string;
  account: string;
  /** Actions its identity policies do not allow, e.g. ['access-analyzer:ValidatePolicy']. */
  denied: string[];
}

export interface AccessAnalyzerContext {
  calls: Array<{ action: string; accessKeyId: string }>;
  /** The endpoint's faults, consumed in order, by action name (ValidatePolicy, CheckNoPublicAccess). */
  faults?: Array<{ action: string; status?: number; code?: string; message?: string; delayMs?: number }>;
  /** Every document sent, in order: tests check what was (not) sent. */
  documents?: string[];
}

type Answer = { status: number; body: string };

const OPERATIONS: Record<string, string> = { '/policy/validation': 'ValidatePolicy', '/policy/check-no-public-access': 'CheckNoPublicAccess' };

/** Whether a request is signed for Access Analyzer (its credential scope names the service). */
export function isAccessAnalyzerRequest(req: Pick<IncomingMessage, 'headers'>): boolean {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/access-analyzer\//.test(String(req.headers.authorization ?? ''));
}

const error = (status: number, type: string, message: string): Answer => ({ status, body: JSON.stringify({ __type: type, message }) });

/** Answers one authenticated Access Analyzer request. */
export async function handleAccessAnalyzer(req: IncomingMessage, body: Buffer, caller: AccessAnalyzerCaller, context: AccessAnalyzerContext): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://local');
  const action = OPERATIONS[url.pathname];
  const accessKeyId = /Credential=([^/]+)/.exec(String(req.headers.authorization))?.[1] ?? '';
  if (!action || req.method !== 'POST') return error(404, 'UnknownOperationException', `Unknown operation ${req.method} ${url.pathname}`);
  context.calls.push({ action, accessKeyId });
  const fault = context.faults?.findIndex((f) => f.action === action) ?? -1;
  if (fault >= 0) {
    const [f] = context.faults!.splice(fault, 1);
    if (f!.delayMs) await new Promise((r) => setTimeout(r, f!.delayMs));
    if (f!.code) return error(f!.status ?? (f!.code === 'ThrottlingException' ? 429 : 400), f!.code, f!.message ?? f!.code);
  }
  const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? 'us-east-1';
  if (caller.denied.includes(`access-analyzer:${action}`)) {
    return error(
      403,
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: access-analyzer:${action} on resource: arn:aws:access-analyzer:${region}:${caller.account}:* because no identity-based policy allows the access-analyzer:${action} action`,
    );
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return error(400, 'ValidationException', 'Request body is not valid JSON');
  }
  const document = input.policyDocument;
  if (typeof document !== 'string') return error(400, 'ValidationException', '1 validation error detected: policyDocument must not be null');
  context.documents?.push(document);
  if (action === 'ValidatePolicy') {
    if (input.policyType !== 'RESOURCE_POLICY') return error(400, 'ValidationException', `policyType ${String(input.policyType)}: this endpoint answers RESOURCE_POLICY only`);
    if (input.validatePolicyResourceType !== 'AWS::IAM::AssumeRolePolicyDocument') return error(400, 'ValidationException', 'validatePolicyResourceType must be AWS::IAM::AssumeRolePolicyDocument here');
    return { status: 200, body: JSON.stringify({ findings: validate(document) }) };
  }
  if (input.resourceType !== 'AWS::IAM::AssumeRolePolicyDocument') return error(400, 'ValidationException', 'resourceType must be AWS::IAM::AssumeRolePolicyDocument here');
  return { status: 200, body: JSON.stringify(checkNoPublicAccess(document)) };
}

/** ValidatePolicy's findings for a document, from our lint (see ISSUES). */
export function validate(document: string): object[] {
  let root: Node | undefined;
  try {
    JSON.parse(document);
    root = parseTree(document);
  } catch {
    return [{ findingType: 'ERROR', issueCode: 'JSON_SYNTAX_ERROR', findingDetails: 'Fix the JSON syntax error.', learnMoreLink: LEARN_MORE, locations: [] }];
  }
  const findings: object[] = [];
  for (const f of lint(document)) {
    const issue = ISSUES[f.code];
    if (!issue) continue;
    findings.push({ findingType: issue.findingType, issueCode: issue.issueCode, findingDetails: issue.details, learnMoreLink: `${LEARN_MORE}#${issue.issueCode.toLowerCase()}`, locations: [location(document, root, f.offset, f.length)] });
  }
  return findings;
}

/** A location as Access Analyzer writes one: the path to the token (keys as value elements, the key itself as a key element) and its span. */
function location(document: string, root: Node | undefined, offset: number, length: number): object {
  const node = root ? findNodeAtOffset(root, offset) : undefined;
  let path: object[] = [];
  if (node && node.offset === offset && node !== root) {
    const parent = node.parent;
    const isKey = parent?.type === 'property' && parent.children?.[0] === node;
    const segments = getNodePath(isKey ? parent!.children![1] ?? parent! : node);
    path = segments.map((s, i) => (typeof s === 'number' ? { index: s } : isKey && i === segments.length - 1 ? { key: s } : { value: s }));
  }
  const position = (at: number) => {
    const before = document.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - (before.lastIndexOf('\n') + 1), offset: at };
  };
  return { path, span: { start: position(offset), end: position(offset + length) } };
}

/** CheckNoPublicAccess: FAIL when an anonymous caller gets in with any AssumeRole action. */
export function checkNoPublicAccess(document: string): object {
  const reasons: Array<{ description: string; statementIndex: number; statementId?: string }> = [];
  for (const action of ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML']) {
    const result = evaluate(document, { principal: { type: 'AWS', id: 'anonymous' }, action });
    if (result.decision !== 'allowed') continue;
    for (const s of result.statements) {
      if (!s.applies || s.effect !== 'Allow' || reasons.some((r) => r.statementIndex === s.index)) continue;
      reasons.push({ description: `Public access granted in the following statement with a wildcard (*) in the Principal element (${action}).`, statementIndex: s.index, ...(s.sid ? { statementId: s.sid } : {}) });
    }
  }
  return reasons.length
    ? { result: 'FAIL', message: 'The resource policy grants public access for the given resource type.', reasons }
    : { result: 'PASS', message: 'The resource policy does not grant public access for the given resource type.' };
}

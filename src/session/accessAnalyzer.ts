import type { Node } from 'jsonc-parser';
import type { Finding, Severity } from '../policy/base/finding';
import { nodeSpan } from '../policy/lint/rule';
import { parsePolicy } from '../policy/syntax/parse';
import {
  ACCESS_ANALYZER_ACTIONS,
  ACCESS_ANALYZER_CODE_PREFIX,
  AccessAnalyzerError,
  explainAccessAnalyzerError,
  notParsed,
  PUBLIC_ACCESS_CODE,
  ROLE_TRUST_RESOURCE_TYPE,
  type AccessAnalyzerResult,
  type AccessAnalyzerTarget,
} from './accessAnalyzerCall';
import { requestHandlerOptions, sourceCredentials, type StsTarget } from './sts';

/**
 * A second opinion from AWS on a trust policy: IAM Access Analyzer's ValidatePolicy and
 * CheckNoPublicAccess, their findings located in our JSON tree.
 *
 * - ValidatePolicy with policyType RESOURCE_POLICY and validatePolicyResourceType
 *   AWS::IAM::AssumeRolePolicyDocument ("Resource policies include trust policies for IAM roles",
 *   https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html).
 * - CheckNoPublicAccess with resourceType AWS::IAM::AssumeRolePolicyDocument
 *   (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html).
 *
 * The mapping (findingsFromValidation, findingsFromPublicAccess, explainAccessAnalyzerError) is
 * pure; analyzeWithAccessAnalyzer() makes the calls. A document that is not strict JSON is never
 * sent (notParsed() says why).
 */

// ---------------------------------------------------------------------------------------------
// The API's shapes (the SDK's types, restated: this file must not load the SDK to be read)

export type PathElement = { index: number } | { key: string } | { value: string } | { substring: { start: number; length: number } };
export interface ApiLocation {
  path?: PathElement[];
  span?: { start?: { line?: number; column?: number; offset?: number }; end?: { line?: number; column?: number; offset?: number } };
}
export interface ApiValidateFinding {
  findingDetails?: string;
  findingType?: string;
  issueCode?: string;
  learnMoreLink?: string;
  locations?: ApiLocation[];
}
export interface ApiPublicAccess {
  result?: string;
  message?: string;
  reasons?: Array<{ description?: string; statementIndex?: number; statementId?: string }>;
}

// ---------------------------------------------------------------------------------------------
// Pure mapping

const SEVERITY: Record<string, Severity> = { ERROR: 'error', SECURITY_WARNING: 'security', WARNING: 'warning', SUGGESTION: 'suggestion' };

/** The span a location points at in our tree: its path followed as far as it goes, else its span, else the document's start. */
export function locate(text: string, root: Node | undefined, location: ApiLocation | undefined): { offset: number; length: number } {
  const path = location?.path ?? [];
  let node = root;
  let span: { offset: number; length: number } | undefined = root && path.length === 0 ? nodeSpan(root) : undefined;
  for (const element of path) {
    if (!node) break;
    if ('index' in element && typeof element.index === 'number') {
      // A Statement written as one object is a list of one for IAM.
      if (node.type === 'array') node = node.children?.[element.index];
      else if (element.index !== 0) node = undefined;
    } else if ('value' in element || 'key' in element) {
      const name = 'value' in element ? element.value : element.key;
      const property = propertyNamed(node, name);
      if (!property) {
        // A value that is not a key: the string itself (a principal, an action in a list).
        if (node.type === 'string' && node.value === name) {
          span = nodeSpan(node);
          continue;
        }
        node = undefined;
        break;
      }
      if ('key' in element) {
        span = nodeSpan(property.children![0]!);
        node = undefined;
        break;
      }
      node = property.children?.[1];
    } else if ('substring' in element && element.substring && node.type === 'string') {
      const start = node.offset + 1 + Math.max(0, element.substring.start);
      span = { offset: start, length: Math.max(1, Math.min(element.substring.length, node.offset + node.length - 1 - start)) };
      node = undefined;
      break;
    } else {
      node = undefined;
      break;
    }
    if (node) span = nodeSpan(node);
  }
  if (span) return span;
  const start = location?.span?.start?.offset;
  const end = location?.span?.end?.offset;
  if (typeof start === 'number' && start >= 0 && start < text.length) {
    return { offset: start, length: typeof end === 'number' && end > start ? Math.min(end, text.length) - start : 1 };
  }
  return root ? nodeSpan(root) : { offset: 0, length: 0 };
}

function propertyNamed(node: Node, name: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  const properties = node.children ?? [];
  return properties.find((p) => p.children?.[0]?.value === name) ?? properties.find((p) => String(p.children?.[0]?.value).toLowerCase() === name.toLowerCase());
}

function finding(text: string, lines: ReturnType<typeof parsePolicy>['lines'], code: string, severity: Severity, message: string, at: { offset: number; length: number }, related: Array<{ message: string; at: { offset: number; length: number } }> = []): Finding {
  const range = (offset: number, length: number) => ({ start: lines.positionAt(offset), end: lines.positionAt(Math.min(text.length, offset + length)) });
  return {
    code,
    severity,
    message,
    offset: at.offset,
    length: at.length,
    range: range(at.offset, at.length),
    ...(related.length ? { related: related.map((r) => ({ message: r.message, offset: r.at.offset, length: r.at.length, range: range(r.at.offset, r.at.length) })) } : {}),
  };
}

/** ValidatePolicy's findings as ours: code `access-analyzer:<ISSUE_CODE>`, at the first location, the others related. */
export function findingsFromValidation(text: string, apiFindings: readonly ApiValidateFinding[]): Finding[] {
  const { root, lines } = parsePolicy(text);
  return apiFindings.map((f) => {
    const issue = f.issueCode || 'FINDING';
    const [first, ...rest] = f.locations ?? [];
    const link = f.learnMoreLink ? ` (${f.learnMoreLink})` : '';
    return finding(
      text,
      lines,
      `${ACCESS_ANALYZER_CODE_PREFIX}${issue}`,
      SEVERITY[f.findingType ?? ''] ?? 'warning',
      `Access Analyzer: ${f.findingDetails ?? issue}${link}`,
      locate(text, root, first),
      rest.map((location) => ({ message: `Access Analyzer: ${issue} also here`, at: locate(text, root, location) })),
    );
  });
}

/** CheckNoPublicAccess as a finding: none when it passes; when it fails, one at each statement it names (or the document). */
export function findingsFromPublicAccess(text: string, response: ApiPublicAccess): Finding[] {
  if (response.result !== 'FAIL') return [];
  const { root, lines } = parsePolicy(text);
  const statements = root ? propertyNamed(root, 'Statement')?.children?.[1] : undefined;
  const statementAt = (index: number | undefined) => {
    if (index === undefined || !statements) return undefined;
    const node = statements.type === 'array' ? statements.children?.[index] : index === 0 ? statements : undefined;
    return node ? nodeSpan(node) : undefined;
  };
  const reasons = response.reasons?.length ? response.reasons : [{}];
  return reasons.map((reason: NonNullable<ApiPublicAccess['reasons']>[number]) => {
    const why = reason.description ?? response.message ?? 'the policy might allow public access';
    const where = reason.statementId ? ` (statement ${reason.statementId})` : reason.statementIndex !== undefined ? ` (statement ${reason.statementIndex + 1})` : '';
    return finding(text, lines, PUBLIC_ACCESS_CODE, 'security', `Access Analyzer CheckNoPublicAccess: FAIL${where}: ${why}`, statementAt(reason.statementIndex) ?? (root ? nodeSpan(root) : { offset: 0, length: 0 }));
  });
}

// ---------------------------------------------------------------------------------------------
// The calls

/**
 * ValidatePolicy (every page) and CheckNoPublicAccess for one trust policy. Throws an
 * AccessAnalyzerError with the explanation when a call fails; never called for text that
 * notParsed() refuses (it throws without sending).
 */
export async function analyzeWithAccessAnalyzer(text: string, target: AccessAnalyzerTarget): Promise<AccessAnalyzerResult> {
  const problem = notParsed(text);
  if (problem) throw new AccessAnalyzerError(`Nothing was sent to Access Analyzer: ${problem}`, undefined, 'none');
  const { AccessAnalyzerClient, CheckNoPublicAccessCommand, ValidatePolicyCommand } = await import('./aws.js');
  const client = new AccessAnalyzerClient({
    region: target.region,
    credentials: await sourceCredentials(target as StsTarget),
    maxAttempts: 2,
    ...requestHandlerOptions(target),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
  const options = target.abortSignal ? { abortSignal: target.abortSignal } : {};
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new AccessAnalyzerError(explainAccessAnalyzerError(error, action), error, action);
    }
  };
  try {
    const apiFindings: ApiValidateFinding[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await call(ACCESS_ANALYZER_ACTIONS.validate, () =>
        client.send(
          new ValidatePolicyCommand({ policyDocument: text, policyType: 'RESOURCE_POLICY', validatePolicyResourceType: ROLE_TRUST_RESOURCE_TYPE, ...(nextToken ? { nextToken } : {}) }),
          options,
        ),
      );
      apiFindings.push(...((page.findings ?? []) as ApiValidateFinding[]));
      nextToken = page.nextToken;
    } while (nextToken && ++pages < 20);
    const publicAccess = await call(ACCESS_ANALYZER_ACTIONS.publicAccess, () =>
      client.send(new CheckNoPublicAccessCommand({ policyDocument: text, resourceType: ROLE_TRUST_RESOURCE_TYPE }), options),
    );
    return {
      findings: [...findingsFromValidation(text, apiFindings), ...findingsFromPublicAccess(text, publicAccess as ApiPublicAccess)],
      publicAccess: publicAccess.result === 'PASS' || publicAccess.result === 'FAIL' ? publicAccess.result : undefined,
    };
  } finally {
    client.destroy();
  }
}

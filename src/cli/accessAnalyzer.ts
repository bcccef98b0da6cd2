import type { RuleMeta, Severity } from '../policy';
import {
  ACCESS_ANALYZER_CODE_PREFIX,
  ACCESS_ANALYZER_NOTICE,
  accessAnalyzerFailure,
  notParsed,
  validateTrustPolicy,
  type AccessAnalyzerTarget,
} from '../session/accessAnalyzerCall';
import type { Input, Notice } from './files';
import { escapeControls, type FileResult } from './format';

/**
 * `trust-policy-lint --access-analyzer`: each policy file that is strict JSON also goes to IAM
 * Access Analyzer (ValidatePolicy and CheckNoPublicAccess, src/session/accessAnalyzer.ts) with
 * the default credentials (AWS_PROFILE, the environment, SSO …) in AWS_REGION (else us-east-1);
 * AWS_ENDPOINT_URL_ACCESSANALYZER or AWS_ENDPOINT_URL chooses another endpoint, as for every SDK.
 * Its findings join ours, coded `access-analyzer:<ISSUE_CODE>`, in text, JSON and SARIF. A file
 * that does not parse, a template or a Terraform file is not sent (a notice says so); a refusal
 * or throttling is a notice with the reason, and makes the exit status 2.
 */
export const ACCESS_ANALYZER_USAGE = `  --access-analyzer            also send each policy file to IAM Access Analyzer (ValidatePolicy,
                               CheckNoPublicAccess) with the default AWS credentials, in AWS_REGION
                               (default us-east-1; AWS_ENDPOINT_URL_ACCESSANALYZER for another
                               endpoint). CheckNoPublicAccess is billed by AWS per call; files that
                               are not strict JSON, templates and .tf files are not sent`;

export interface AccessAnalyzerIo {
  stderr(text: string): void;
  env?: Record<string, string | undefined>;
  /** The call; validateTrustPolicy unless a test puts another in its place. */
  validate?: typeof validateTrustPolicy;
}

/** The SARIF rule of an Access Analyzer code, so that code scanning can group its results. */
function metaOf(code: string, severity: Severity): RuleMeta {
  const issue = code.slice(ACCESS_ANALYZER_CODE_PREFIX.length);
  return {
    code,
    severity,
    description: `IAM Access Analyzer: ${issue}`,
    rationale: `Reported by IAM Access Analyzer (${issue === 'PUBLIC_ACCESS' ? 'CheckNoPublicAccess' : 'ValidatePolicy'}), not by this linter: see the message's link.`,
    badExample: '',
    goodExample: '',
  };
}

/**
 * Adds Access Analyzer's findings to the results of the policy files (in place) and its notices;
 * returns the SARIF rules of the codes it added.
 */
export async function addAccessAnalyzerFindings(inputs: readonly Input[], results: FileResult[], notices: Notice[], io: AccessAnalyzerIo): Promise<RuleMeta[]> {
  const env = io.env ?? process.env;
  const target: AccessAnalyzerTarget = { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1', source: env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {} };
  const validate = io.validate ?? validateTrustPolicy;
  const metas = new Map<string, RuleMeta>();
  let refused: string | undefined;
  for (const input of inputs) {
    const result = results.find((r) => r.file === input.file);
    if (!result) continue; // not checked at all: its notice is already there
    if (input.kind !== 'policy') {
      notices.push({ path: input.file, reason: 'not sent to Access Analyzer: it sends policy files only, not the policies inside templates and .tf files', level: 'warning', file: false });
      continue;
    }
    const problem = notParsed(input.text);
    if (problem) {
      notices.push({ path: input.file, reason: `not sent to Access Analyzer: ${problem}`, level: 'warning', file: false });
      continue;
    }
    if (refused) {
      notices.push({ path: input.file, reason: `not sent to Access Analyzer: ${refused}`, level: 'error', file: false });
      continue;
    }
    try {
      const { findings } = await validate(input.text, target);
      result.findings.push(...findings);
      result.findings.sort((a, b) => a.offset - b.offset || a.length - b.length);
      for (const f of findings) if (!metas.has(f.code)) metas.set(f.code, metaOf(f.code, f.severity));
    } catch (error) {
      const reason = accessAnalyzerFailure(error);
      notices.push({ path: input.file, reason, level: 'error', file: false });
      // A refusal or missing credentials would be the same for every file: said once, then the others are skipped.
      if (/refused the call|did not accept the credentials|No AWS credentials/.test(reason)) refused = 'an earlier call was refused (see above)';
    }
  }
  return [...metas.values()];
}

/** The notice shown on standard error before the first call: what is sent where, and what it costs. */
export function accessAnalyzerNotice(): string {
  return `trust-policy-lint: ${escapeControls(ACCESS_ANALYZER_NOTICE.replace('IAM: Validate with Access Analyzer sends', '--access-analyzer sends').replace("the window's role session or your default credentials", 'your default AWS credentials'))}\n`;
}

/**
 * Runs --access-analyzer: the notice first, then the calls; `finish` writes the output, and its
 * status is what the promise gives (main's status, as for `audit`).
 */
export async function startAccessAnalyzer(
  inputs: readonly Input[],
  results: FileResult[],
  notices: Notice[],
  io: AccessAnalyzerIo,
  finish: (extraRules: readonly RuleMeta[]) => number,
): Promise<number> {
  // The SDK warns on stderr that its releases from 2027 need Node 22; this CLI supports Node 20 (package.json engines).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  io.stderr(accessAnalyzerNotice());
  let rules: readonly RuleMeta[];
  try {
    rules = await addAccessAnalyzerFindings(inputs, results, notices, io);
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`trust-policy-lint: internal error (${escapeControls(what)}); please report this\n`);
    return 2;
  }
  return finish(rules);
}

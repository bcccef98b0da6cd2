import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePolicy } from '../../../src/policy/syntax/parse';
import { findingsFromPublicAccess, findingsFromValidation, locate } from '../../../src/session/accessAnalyzer';
import { explainAccessAnalyzerError, notParsed, PUBLIC_ACCESS_CODE, validateTrustPolicy as analyzeWithAccessAnalyzer, type AccessAnalyzerTarget } from '../../../src/session/accessAnalyzerCall';
import { startLocalAws, type LocalAws } from '../../local-aws/server';

const POLICY = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } } }] },
  null,
  2,
);
const at = (text: string, token: string) => ({ offset: text.indexOf(token), length: token.length });

describe('Access Analyzer: locations in our JSON tree', () => {
  const { root } = parsePolicy(POLICY);

  it('follows value and index elements to the value', () => {
    const span = locate(POLICY, root, { path: [{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'StringEquals' }, { value: 'aws:PrincipalArn' }] });
    assert.deepEqual(span, at(POLICY, '"arn:aws:iam::111122223333:role/ci-*"'));
  });

  it('a key element points at the key', () => {
    assert.deepEqual(locate(POLICY, root, { path: [{ value: 'Statement' }, { index: 0 }, { key: 'Sid' }] }), at(POLICY, '"Sid"'));
  });

  it('a substring element points inside the string', () => {
    const span = locate(POLICY, root, { path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { substring: { start: 4, length: 10 } }] });
    assert.equal(POLICY.slice(span.offset, span.offset + span.length), 'AssumeRole');
  });

  it('a string value in the path (an item of a list) is the string', () => {
    assert.deepEqual(locate(POLICY, root, { path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { value: 'sts:AssumeRole' }] }), at(POLICY, '"sts:AssumeRole"'));
  });

  it('a path that does not fit stops at the deepest node it reached', () => {
    const span = locate(POLICY, root, { path: [{ value: 'Statement' }, { index: 0 }, { value: 'NoSuchElement' }] });
    assert.equal(span.offset, POLICY.indexOf('{', POLICY.indexOf('[')));
  });

  it('without a path, the span; without either, the document', () => {
    assert.deepEqual(locate(POLICY, root, { path: [], span: { start: { offset: 5 }, end: { offset: 9 } } }), { offset: 0, length: 1 });
    assert.deepEqual(locate(POLICY, undefined, { span: { start: { offset: 5 }, end: { offset: 9 } } }), { offset: 5, length: 4 });
  });

  it('maps finding types to our severities and marks the codes as Access Analyzer\'s', () => {
    const findings = findingsFromValidation(POLICY, [
      { findingType: 'SECURITY_WARNING', issueCode: 'X', findingDetails: 'd1', learnMoreLink: 'https://l', locations: [{ path: [{ value: 'Version' }] }] },
      { findingType: 'ERROR', issueCode: 'Y', findingDetails: 'd2', locations: [] },
      { findingType: 'SUGGESTION', issueCode: 'Z', findingDetails: 'd3', locations: [{ path: [{ value: 'Statement' }] }, { path: [{ value: 'Version' }] }] },
    ]);
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['access-analyzer:X', 'security'], ['access-analyzer:Y', 'error'], ['access-analyzer:Z', 'suggestion']]);
    assert.equal(findings[0]!.message, 'Access Analyzer: d1 (https://l)');
    assert.deepEqual(findings[0]!.range.start, { line: 2, column: 14 });
    assert.equal(findings[2]!.related?.length, 1);
  });

  it('CheckNoPublicAccess FAIL is a security finding at each statement it names', () => {
    assert.deepEqual(findingsFromPublicAccess(POLICY, { result: 'PASS' }), []);
    const [f] = findingsFromPublicAccess(POLICY, { result: 'FAIL', reasons: [{ description: 'public', statementIndex: 0, statementId: 'Ci' }] });
    assert.equal(f!.code, PUBLIC_ACCESS_CODE);
    assert.equal(f!.severity, 'security');
    assert.match(f!.message, /FAIL \(statement Ci\): public/);
    assert.equal(f!.offset, POLICY.indexOf('{', POLICY.indexOf('[')));
  });

  it('says why a document is not sent', () => {
    assert.equal(notParsed(POLICY), undefined);
    assert.match(notParsed('{ "Version": "2012-10-17", }')!, /not valid JSON/);
    assert.match(notParsed('  ')!, /empty/);
  });

  it('explains refusals and throttling', () => {
    const denied = Object.assign(new Error('User: x is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    assert.match(explainAccessAnalyzerError(denied), /may not call access-analyzer:ValidatePolicy/);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    assert.match(explainAccessAnalyzerError(throttled), /throttling the calls .*wait a few seconds/);
  });
});

describe('Access Analyzer: the calls, against the local endpoint', () => {
  let local: LocalAws;
  const faults: NonNullable<Parameters<typeof startLocalAws>[0]['faults']> = [];
  const target = (accessKeyId: string): AccessAnalyzerTarget => ({ region: 'us-east-1', endpoint: local.endpoint, source: { accessKeyId, secretAccessKey: `${accessKeyId}-secret` } });
  const sent = () => local.calls.filter((c) => c.action === 'ValidatePolicy' || c.action === 'CheckNoPublicAccess').length;

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    local = await startLocalAws({
      users: [
        { arn: 'arn:aws:iam::111122223333:user/alice', accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'AKIAALICE00000000000-secret' },
        { arn: 'arn:aws:iam::111122223333:user/bob', accessKeyId: 'AKIABOB0000000000000', secretAccessKey: 'AKIABOB0000000000000-secret', denied: ['access-analyzer:ValidatePolicy'] },
      ],
      roles: [],
      faults,
    });
  });
  after(() => local.close());

  it('returns ValidatePolicy\'s findings at their tokens, and CheckNoPublicAccess\'s verdict', async () => {
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] }, null, 2);
    const result = await analyzeWithAccessAnalyzer(text, target('AKIAALICE00000000000'));
    assert.equal(result.publicAccess, 'FAIL');
    const byCode = new Map(result.findings.map((f) => [f.code, f]));
    assert.equal(byCode.get('access-analyzer:MISSING_VERSION')?.severity, 'warning');
    const resource = byCode.get('access-analyzer:ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE')!;
    assert.equal(text.slice(resource.offset, resource.offset + resource.length), '"Resource"');
    assert.equal(byCode.get(PUBLIC_ACCESS_CODE)?.severity, 'security');
    assert.deepEqual(local.calls.slice(-2).map((c) => c.action), ['ValidatePolicy', 'CheckNoPublicAccess']);
  });

  it('passes a policy with no public access', async () => {
    const result = await analyzeWithAccessAnalyzer(POLICY, target('AKIAALICE00000000000'));
    assert.equal(result.publicAccess, 'PASS');
    assert.deepEqual(result.findings.map((f) => f.code), ['access-analyzer:WILDCARD_WITHOUT_LIKE_OPERATOR']);
  });

  it('explains AccessDenied, naming the missing action', async () => {
    await assert.rejects(analyzeWithAccessAnalyzer(POLICY, target('AKIABOB0000000000000')), (error: Error) => {
      assert.match(error.message, /may not call access-analyzer:ValidatePolicy/);
      assert.match(error.message, /user\/bob is not authorized to perform: access-analyzer:ValidatePolicy/);
      return true;
    });
  });

  it('explains throttling', async () => {
    faults.push({ action: 'ValidatePolicy', code: 'ThrottlingException', message: 'Rate exceeded' }, { action: 'ValidatePolicy', code: 'ThrottlingException', message: 'Rate exceeded' });
    await assert.rejects(analyzeWithAccessAnalyzer(POLICY, target('AKIAALICE00000000000')), /throttling the calls \(ThrottlingException\)/);
  });

  it('sends nothing for a document that does not parse', async () => {
    const before = sent();
    await assert.rejects(analyzeWithAccessAnalyzer('{ "Version": "2012-10-17", "Statement": [ }', target('AKIAALICE00000000000')), /Nothing was sent to Access Analyzer: the document is not valid JSON/);
    assert.equal(sent(), before);
  });
});

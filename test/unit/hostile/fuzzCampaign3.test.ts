import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { embeddedFixes, lintEmbedded } from '../../../src/policy/embedded';
import { FIXABLE_CODES } from '../../../src/policy/lint/fixes';
import { lint } from '../../../src/policy/lint/lint';
import { fixesFor } from '../../../src/policy/lint/fixes';
import { parseProjectConfig, pathGlobMatch, searchIncludes } from '../../../src/policy/lint/config';

// Found by the adversarial campaign of 2026-12-01 (npm run fuzz -- --campaign, notes in
// /work/notes/fuzz-3.md). Each case runs in a worker thread of this same bundle with a hang
// guard: a regression fails its test instead of hanging the run. The guards are generous (a
// hang, not slowness): on the code before the fix each case took minutes.

/**
 * A policy whose string breaks at a lone carriage return, then a line after the next of 20,000
 * stray tokens: one json-syntax problem for the broken string (whose next line is taken as its
 * rest) and one per token after (20,003 in 40 KB).
 */
const BROKEN = `{"a":"\r\r${':a'.repeat(20_000)}}`;
/** 1,000 unclosed levels, then 50,000 elements on the same line (114 KB). */
const DEEP_LINE = `${'{"Statement":['.repeat(1000)}${'1,'.repeat(50_000)}`;
/** An exclude glob of 80,000 slashes before a name. */
const SLASHES = `${'/'.repeat(80_000)}x`;

/** A template of n roles, each trusting a service principal written in the wrong case (a fixable finding, and service-confused-deputy). */
const roles = (n: number, service = 'Lambda.amazonaws.com') =>
  `Resources:\n${Array.from({ length: n }, (_, i) => `  R${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ${service} }\n            Action: sts:AssumeRole\n`).join('')}`;

const CASES: Record<string, () => unknown> = {
  // The editor's code actions over a selection ask embeddedFixes for each diagnostic in turn,
  // and each call read and linted the whole file again (400 findings of a 43 KB template: 61 s).
  'embedded fixes of every finding of 400 roles': () => {
    const text = roles(400);
    const findings = lintEmbedded(text, 'cloudformation').filter((f) => FIXABLE_CODES.includes(f.code));
    return { findings: findings.length, fixes: findings.reduce((n, f) => n + embeddedFixes(text, 'cloudformation', f.offset, f.code).length, 0) };
  },
  // fixesFor parsed the document again for every json-syntax problem (only the Unicode-space one has a fix).
  'fixes of every json-syntax problem': () => {
    const findings = lint(BROKEN).filter((f) => f.code === 'json-syntax');
    return { problems: findings.length, fixes: findings.reduce((n, f) => n + fixesFor(BROKEN, f).length, 0) };
  },
  // The "Add Version" fix formatted the changed line: each element indented by its depth (73 s).
  'the version-missing fix on a long line nested 1,000 deep': () => fixesFor(DEEP_LINE, { code: 'version-missing', severity: 'warning', message: '', offset: 0, length: 1, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }).length,
  // /\/+$/ on a run of slashes not at the end tried every slash as a start (43 s for 40,000 per path).
  'an exclude glob of 80,000 slashes': () => [searchIncludes({ exclude: [SLASHES] }, 'a/b.json', false), pathGlobMatch(SLASHES, ['x']), pathGlobMatch(`x${'/'.repeat(80_000)}`, ['x'])],
};

if (!isMainThread && workerData?.fuzzCampaign3) {
  parentPort!.postMessage(CASES[workerData.fuzzCampaign3 as string]!());
} else {
  const run = (name: string, ms = 60_000) =>
    new Promise<unknown>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { fuzzCampaign3: name } });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`${name}: no answer within ${ms} ms`));
      }, ms);
      worker.once('message', (value) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(value);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });

  describe('fuzz campaign 3: quick fixes and .iamtrust.json globs answer on hostile input', () => {
    it('fixes of every json-syntax problem of a broken document: none, at once', async () => {
      assert.deepEqual(await run('fixes of every json-syntax problem'), { problems: 20_003, fixes: 0 });
    });
    it('the version-missing fix on a long line nested 1,000 deep: none (IAM refuses the nesting)', async () => {
      assert.equal(await run('the version-missing fix on a long line nested 1,000 deep'), 0);
    });
    it('an exclude glob of 80,000 slashes before a name: anchored, matches only that name', async () => {
      assert.deepEqual(await run('an exclude glob of 80,000 slashes'), [true, true, true]);
    });
    it('embedded fixes of every finding of a 400-role template: one fix per wrong-case service', async () => {
      assert.deepEqual(await run('embedded fixes of every finding of 400 roles'), { findings: 800, fixes: 400 });
    });
    it('embedded fixes answer for the file asked about, not the one before', () => {
      const a = roles(2);
      const b = roles(2, 'EC2.amazonaws.com');
      const fixOf = (text: string) => {
        const finding = lintEmbedded(text, 'cloudformation').find((f) => f.code === 'service-principal-case')!;
        return embeddedFixes(text, 'cloudformation', finding.offset, finding.code).map((f) => f.edits.map((e) => e.content).join());
      };
      assert.deepEqual([fixOf(a), fixOf(b), fixOf(a)], [['lambda.amazonaws.com'], ['ec2.amazonaws.com'], ['lambda.amazonaws.com']]);
    });
    it('no fix edits past the end of a broken document', () => {
      const text = '{"\r/*\r\n';
      const findings = lint(text);
      assert.ok(findings.some((f) => f.code === 'version-missing'));
      for (const finding of findings) {
        for (const fix of fixesFor(text, finding)) for (const e of fix.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${finding.code}: ${JSON.stringify(e)}`);
      }
    });
    it('.iamtrust.json: a comment left open at the end is a problem inside the text', () => {
      const text = '{ "accountId": , /*';
      const { problems } = parseProjectConfig(text);
      assert.ok(problems.length > 0);
      for (const p of problems) assert.ok(p.offset >= 0 && p.offset + p.length <= text.length, JSON.stringify(p));
    });
    it('the fixes that remain: a Unicode space still gets its fix, a long minified policy gets Version added unformatted', () => {
      const nbsp = '{\u00a0"Version": "2012-10-17", "Statement": []}';
      const problem = lint(nbsp).find((f) => f.code === 'json-syntax')!;
      assert.equal(fixesFor(nbsp, problem).length, 1);
      const long = JSON.stringify({ Statement: Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' })) });
      const [fix] = fixesFor(long, lint(long).find((f) => f.code === 'version-missing')!);
      assert.ok(fix && fix.edits.length === 1 && fix.edits[0]!.content.length < 100, JSON.stringify(fix?.edits[0]?.content.length));
    });
  });
}

import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FileSystem } from '../../../src/cli/files';
import { artifactLocation, formatSarif } from '../../../src/cli/format';
import { main, type CliIo } from '../../../src/cli/main';
import { MAX_DOCUMENT_CHARS } from '../../../src/policy/base/limits';

// Issue 11: the CLI must never hang, never crash, and never let a policy control the terminal.
// The real bundle runs as a child process with a bound: a hang fails the test (the bound is
// far above what a correct run takes, far below what the old code took).
const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
const BOUND_MS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'trust-policy-lint-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: BOUND_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, ...options });
  assert.notEqual(r.signal, 'SIGKILL', `trust-policy-lint ${args.join(' ')} did not finish within ${BOUND_MS} ms`);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A flat in-memory file system: the named files, no directories. */
function flatFs(files: Record<string, string>): FileSystem {
  return {
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return files[path]!;
    },
    kind: (path) => (path in files ? 'file' : undefined),
    list: () => [],
    realPath: (path) => path,
  };
}

function inProcess(argv: string[], files: Record<string, string>, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), fs: flatFs(files), colour: false, ...extra });
  return { status, stdout, stderr };
}

const PUBLIC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] });
/** A directory holding one policy with a security finding, and whatever else a case adds. */
function tree(name: string, extra: (at: string) => void): string {
  const at = join(dir, name);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'ok.json'), PUBLIC);
  extra(at);
  return name;
}
const POSIX = process.platform !== 'win32';

describe('trust-policy-lint: special files (issue 11, item 1)', () => {
  it('skips a FIFO named *.json in a searched directory, says so, and checks the rest', { skip: !POSIX }, () => {
    const name = tree('fifo', (at) => execFileSync('mkfifo', [join(at, 'p.json')]));
    const r = cli([name]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /fifo\/ok\.json:1:\d+: security public-principal/);
    assert.match(r.stderr, /warning: fifo\/p\.json: a FIFO, not a regular file/);
    const json = JSON.parse(cli(['--format', 'json', name]).stdout);
    assert.deepEqual(json.find((x: { file: string }) => x.file === 'fifo/p.json'), { file: 'fifo/p.json', findings: [], skipped: 'a FIFO, not a regular file; not read', level: 'warning' });
    const sarif = JSON.parse(cli(['--format', 'sarif', name]).stdout);
    const [notice] = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notice.level, 'warning');
    assert.equal(notice.locations[0].physicalLocation.artifactLocation.uri, 'fifo/p.json');
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });

  it('refuses a FIFO named on the command line with status 2, without waiting for a writer', { skip: !POSIX }, () => {
    execFileSync('mkfifo', [join(dir, 'named.json')]);
    const r = cli(['named.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /named\.json: a FIFO, not a regular file/);
  });

  it('refuses /dev/zero named on the command line', { skip: !existsSync('/dev/zero') }, () => {
    const r = cli(['/dev/zero']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\/dev\/zero: a device, not a regular file/);
  });

  it('reads standard input up to the limit only (< /dev/zero)', { skip: !existsSync('/dev/zero') }, () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = cli(['-'], { stdio: [zero, 'pipe', 'pipe'] });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /<stdin>: larger than the 16 MiB limit/);
    } finally {
      closeSync(zero);
    }
  });

  it('reports links that loop (file links, and directories that contain themselves) and goes on', { skip: !POSIX }, () => {
    const name = tree('links', (at) => {
      symlinkSync('l2.json', join(at, 'l1.json'));
      symlinkSync('l1.json', join(at, 'l2.json'));
      symlinkSync('.', join(at, 'self'));
      symlinkSync('/dev/zero', join(at, 'zero.json'));
    });
    const r = cli([name]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /1 file\(s\) checked: 1 security/);
    assert.match(r.stderr, /warning: links\/l1\.json: cannot read it \(ELOOP/);
    if (existsSync('/dev/zero')) assert.match(r.stderr, /warning: links\/zero\.json: a device/);
  });
});

describe('trust-policy-lint: the size limit (issue 11, item 2)', () => {
  const big = `{"Version": "2012-10-17", "Statement": [], "Id": "${'x'.repeat(MAX_DOCUMENT_CHARS)}"}`;

  it('refuses a file over 16 MiB named on the command line, naming it and the limit, and checks the others', () => {
    writeFileSync(join(dir, 'big.json'), big);
    writeFileSync(join(dir, 'ok.json'), PUBLIC);
    const r = cli(['big.json', 'ok.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^trust-policy-lint: big\.json: larger than the 16 MiB limit for one document; not checked$/m);
    assert.match(r.stdout, /^ok\.json:1:\d+: security public-principal/m);
    assert.match(r.stdout, /1 file\(s\) checked/);
  });

  it('skips one found by searching with a warning; the exit status is the other files\'', () => {
    const name = tree('bigdir', (at) => writeFileSync(join(at, 'big.json'), big));
    const r = cli([name]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /warning: bigdir\/big\.json: larger than the 16 MiB limit/);
  });

  it('holds an injected file system to the same limit', () => {
    const r = inProcess(['big.json'], { 'big.json': big });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /big\.json: larger than the 16 MiB limit/);
  });
});

/** C0 but newline, DEL, C1, bidi marks and overrides: nothing of it may reach the terminal. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('trust-policy-lint: no terminal control from a policy (issue 11, item 3)', () => {
  const hostile = '\u001b[2J\u001b]0;owned\u0007\r\u009b31m\u202eX\u2066\u007f';
  const file = `evil${hostile}.json`;
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', [`Key${hostile}`]: 1 }] });

  it('escapes control characters and direction overrides in messages and file names (text)', () => {
    const r = inProcess([file, `missing${hostile}.json`], { [file]: policy });
    assert.match(r.stdout, /unknown-element/, 'the message quotes the hostile key');
    assert.doesNotMatch(r.stdout, UNSAFE);
    assert.doesNotMatch(r.stderr, UNSAFE);
    assert.ok(r.stdout.includes('evil\\x1B[2J\\x1B]0;owned\\x07\\x0D\\x9B31m\\u202EX\\u2066\\x7F.json:1:'), r.stdout);
    assert.match(r.stderr, /missing\\x1B\[2J.*: no such file/);
  });

  it('with colour on, the only escape sequences are its own colours', () => {
    const r = inProcess([file], { [file]: policy }, { colour: true });
    assert.doesNotMatch(r.stdout.replace(/\u001b\[\d+m/g, ''), UNSAFE);
  });

  for (const format of ['json', 'sarif']) {
    it(`writes the same characters as JSON escapes in --format ${format}`, () => {
      const r = inProcess(['--format', format, file], { [file]: policy });
      assert.doesNotMatch(r.stdout.replace(/\n/g, ''), UNSAFE);
      const parsed = JSON.parse(r.stdout);
      const messages: string[] = format === 'json' ? parsed[0].findings.map((f: { message: string }) => f.message) : parsed.runs[0].results.map((x: { message: { text: string } }) => x.message.text);
      assert.ok(messages.some((m) => m.includes(`Key${hostile}`)), 'the value itself is kept');
      if (format === 'json') assert.equal(parsed[0].file, file);
    });
  }
});

describe('trust-policy-lint: SARIF URIs (issue 11, item 4)', () => {
  const cases: Array<[string, string]> = [
    ['a#1.json', 'a%231.json'],
    ['b?.json', 'b%3F.json'],
    ['c d%.json', 'c%20d%25.json'],
    ['rôles/信頼.json', 'r%C3%B4les/%E4%BF%A1%E9%A0%BC.json'],
    ['./x:y.json', 'x%3Ay.json'],
  ];
  for (const [file, uri] of cases) {
    it(`${file} -> ${uri}, relative to the source root, and back`, () => {
      assert.deepEqual(artifactLocation(file), { uri, uriBaseId: '%SRCROOT%' });
      const url = new URL(uri, 'file:///src/');
      assert.equal(url.hash + url.search, '');
      assert.equal(decodeURIComponent(url.pathname), `/src/${file.replace(/^\.\//, '')}`);
    });
  }

  it('absolute paths: POSIX, Windows drive, UNC', () => {
    assert.deepEqual(artifactLocation('/repo/a#1.json'), { uri: 'file:///repo/a%231.json' });
    assert.deepEqual(artifactLocation('C:\\repo\\b?.json'), { uri: 'file:///C:/repo/b%3F.json' });
    assert.deepEqual(artifactLocation('\\\\host\\share\\c d.json'), { uri: 'file://host/share/c%20d.json' });
  });

  it('in results and artifacts of the SARIF log', () => {
    const sarif = JSON.parse(formatSarif([{ file: 'a#1.json', findings: [] }], [], '1'));
    assert.equal(sarif.runs[0].artifacts[0].location.uri, 'a%231.json');
  });
});

describe('trust-policy-lint: a crash is not a finding (issue 11, item 5)', () => {
  const crash: CliIo['check'] = (input) => {
    if (input.file === 'crash.json') throw new RangeError('Maximum call stack size exceeded');
    return [];
  };

  for (const failOn of ['security', 'none']) {
    it(`exits 2 naming the file, and reports the others (--fail-on ${failOn})`, () => {
      const r = inProcess(['--fail-on', failOn, 'crash.json', 'ok.json'], { 'crash.json': PUBLIC, 'ok.json': PUBLIC }, { check: crash });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /crash\.json: internal error while checking it \(RangeError: Maximum call stack size exceeded\)/);
      assert.match(r.stdout, /^1 file\(s\) checked, no findings$/m);
    });
  }

  it('lists the file as not checked in JSON and SARIF', () => {
    const json = JSON.parse(inProcess(['--format', 'json', 'crash.json'], { 'crash.json': PUBLIC }, { check: crash }).stdout);
    assert.deepEqual(json.map((x: { file: string; level: string }) => [x.file, x.level]), [['crash.json', 'error']]);
    const sarif = JSON.parse(inProcess(['--format', 'sarif', 'crash.json'], { 'crash.json': PUBLIC }, { check: crash }).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].level, 'error');
  });

  it('keeps the finding exit statuses', () => {
    assert.equal(inProcess(['ok.json'], { 'ok.json': PUBLIC }).status, 1);
    assert.equal(inProcess(['--fail-on', 'none', 'ok.json'], { 'ok.json': PUBLIC }).status, 0);
  });
});

// Fails until looksLikeCloudFormation (src/policy/embedded/cloudformation.ts) finds the keys of
// a one-line template: the CLI hands it whatever embeddingKind says.
describe('trust-policy-lint: minified CloudFormation JSON (issue 11, item 6)', () => {
  const template = JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: JSON.parse(PUBLIC) } } },
  });

  it('named on the command line, it is linted as a template, not as a policy', () => {
    writeFileSync(join(dir, 'min.template.json'), template);
    const r = cli(['--format', 'json', 'min.template.json']);
    const [result] = JSON.parse(r.stdout);
    assert.deepEqual(result.findings.map((f: { code: string }) => f.code), ['public-principal']);
  });

  it('in a searched directory, it is found', () => {
    const at = join(dir, 'cfn');
    mkdirSync(at);
    writeFileSync(join(at, 'min.json'), template);
    const r = cli(['--format', 'json', 'cfn']);
    assert.deepEqual(JSON.parse(r.stdout).map((x: { file: string; findings: Array<{ code: string }> }) => [x.file, x.findings.map((f) => f.code)]), [['cfn/min.json', ['public-principal']]]);
  });
});

describe('trust-policy-lint: deep JSON (issue 11, item 7)', () => {
  it('one file nested 100,000 deep in a searched directory does not end the run', () => {
    const name = tree('deep', (at) => {
      writeFileSync(join(at, 'a.json'), `{"a": ${'['.repeat(100_000)}`);
      writeFileSync(join(at, 'b.json'), '['.repeat(100_000));
    });
    const r = cli([name]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^deep\/ok\.json:1:\d+: security public-principal/m);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  });

  it('named on the command line, it is checked and reported', () => {
    writeFileSync(join(dir, 'deep.json'), '['.repeat(100_000));
    const r = cli(['deep.json', 'ok.json']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^deep\.json:1:\d+: error /m);
    assert.match(r.stdout, /^ok\.json:1:\d+: security public-principal/m);
  });
});

// Fails until looksLikeCloudFormation (src/policy/embedded/cloudformation.ts) stops backtracking:
// /^\s*…/m tries every line start and runs \s* over all the blank lines after it, quadratic in
// their number (60 KB of newlines: 32 s; these 300 KB: minutes).
describe('trust-policy-lint: blank lines in a searched file', () => {
  it('a .yaml file of 300,000 newlines is read in linear time', () => {
    const name = tree('blank', (at) => writeFileSync(join(at, 'blank.yaml'), '\n'.repeat(300_000)));
    const r = cli([name]);
    assert.equal(r.status, 1, r.stderr);
  });
});

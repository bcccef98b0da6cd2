// npm run fuzz [-- --seed S --runs N --reader R[,R…] --workers W | --replay F.failure.json | --file F]:
// bundles test/fuzz/long.ts (which is also its workers' script) and runs the long fuzz.
//
// npm run fuzz -- --campaign [--minutes M] [--workers W] [--seed S] [--hang-ms MS] [--out DIR]
// The adversarial campaign (this file is also its workers' script): every fixture, corpus file
// and example as a seed, mutated (tokens deleted, duplicated and swapped, truncation, deep
// nesting, huge strings and arrays, Unicode spaces/BOM/surrogates/bidi marks/U+2028, CR/CRLF
// mixes, YAML anchors/aliases/merge keys/tags/documents, HCL heredocs/strings/comments/templates),
// through lint, lintEmbedded, fixesFor + applyFix on every finding, embeddedFixes, evaluate,
// whoCanAssume, .iamtrust.json parsing and glob matching, and the CLI on files (text/JSON/SARIF).
// Each document runs in a worker with a time bound (a worker that does not answer is a hang,
// confirmed in a fresh worker); every finding's and edit's range is checked against the text.
// Then every prefix of small seeds (truncation at every point), then time versus size by
// doubling. Default 1 minute (quick); --minutes 30 for a long run. Exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const engineFile = join(root, 'out', 'fuzz', 'campaign-engine.cjs');

// ---------------------------------------------------------------------------------------------
// Random, seeds, mutations (pure).

function rng(seed) {
  // xorshift32, seeded through a splitmix32 round so that nearby seeds give unrelated streams.
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let s = (z ^ (z >>> 16)) >>> 0 || 1;
  const u32 = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
  const r = {
    int: (n) => (n <= 0 ? 0 : Math.floor((u32() / 4294967296) * n)),
    chance: (p) => u32() / 4294967296 < p,
    pick: (a) => a[r.int(a.length)],
    size: (max) => Math.max(1, Math.floor(Math.exp((u32() / 4294967296) * Math.log(max + 1)))),
  };
  return r;
}

/** The format of a seed file, by name and content. */
function formatOf(name, text) {
  if (name.endsWith('.tf')) return 'terraform';
  if (/\.ya?ml$/.test(name)) return 'cfn-yaml';
  if (name.endsWith('.iamtrust.json')) return 'config';
  if (name.endsWith('.json')) return /AWSTemplateFormatVersion|"Resources"\s*:/.test(text) ? 'cfn-json' : 'policy';
  return undefined;
}

function loadSeeds() {
  const seeds = [];
  for (const dir of ['test/fixtures', 'examples']) {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (!e.isFile()) continue;
      const path = join(e.parentPath, e.name);
      const text = readFileSync(path, 'utf8');
      const format = formatOf(e.name, text);
      if (format && text.length < 200_000) seeds.push({ name: relative(root, path), format, text });
    }
  }
  for (const text of CONFIG_SEEDS) seeds.push({ name: '(config seed)', format: 'config', text });
  return seeds;
}

const CONFIG_SEEDS = [
  '{\n  "accountId": "111122223333",\n  "trustedAccounts": ["444455556666"],\n  "organizationId": "o-abcdefghij",\n  "ignore": ["version-missing"],\n  "severity": { "public-principal": "warning", "sid-invalid": "off" },\n  "include": ["**/*.json", "infra/**"],\n  "exclude": ["node_modules", "**/fixtures/**", "*.test.json"]\n}\n',
  '{ "ignore": [], "severity": {}, "include": [], "exclude": [] }',
  '// comment\n{ "accountId": "111122223333", /* x */ "exclude": ["a/**/b/**/c"], }',
];

const TOKEN = /"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[A-Za-z_$][\w$:./*?-]*|-?\d[\d.eE+-]*|\s+|[^\s]/g;
const tokens = (text) => text.match(TOKEN) ?? [];

const UNICODE = ['\u00a0', '\ufeff', '\ud800', '\udc00', '\ud83d\ude00', '\u200f', '\u202e', '\u2066', '\u2028', '\u2029', '\u3000', '\u200b', '\u1680', '\u0000', '\u0085', '\u00e9', 'e\u0301', '\uffff', '\ufffd'];
const FRAGMENTS = {
  policy: ['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '*/', '\\u', '\\ud800', '"\\u00a0"', '1e999', '-', 'null', '"Statement"', '"Condition"', '{"StringEquals":{"aws:PrincipalTag/a:b:c":"x"}}', '"aws:RequestTag/aws:cloudformation:stack-name"', '"sts:*"'],
  'cfn-json': ['{', '}', '[', ']', ',', ':', '"', '{"Fn::Sub": "${AWS::AccountId}"}', '{"Ref": "X"}', '{"Fn::GetAtt": ["A", "Arn"]}', '{"Fn::Join": ["", ["a", "b"]]}', '"AssumeRolePolicyDocument": "{\\"Statement\\": [', '"Fn::Sub": "${', '\\"'],
  'cfn-yaml': ['\n', '  ', '\t', '- ', ': ', '? ', '|', '>', '|-', '|+', '>2', '---\n', '...\n', '#', '&a ', '*a', '&x [a, *x]', '<<: *a', '<<: [*a, *b]', '!Sub ', '!Sub |\n  ', '!Ref ', '!GetAtt ', '!Join ', '!If ', '!!str ', '!!map ', '!!binary ', '!<tag:yaml.org,2002:str> ', '!local ', '"', "'", '{', '}', '[', ']', ',', '%YAML 1.2\n---\n', '%TAG ! tag:x\n', 'AssumeRolePolicyDocument:', 'AssumeRolePolicyDocument: |\n  {"Statement": [', '${AWS::AccountId}', '\r\n', '\r'],
  terraform: ['{', '}', '[', ']', '(', ')', ',', '=', ':', '"', '${', '%{', '%{ if x }', '%{ endif }', '%{ for a in b }', '${var.x}', '$${', '%%{', '<<EOF\n', '<<-EOT\n', '<<EOF', '\nEOF\n', '\n  EOT\n', 'jsonencode(', 'jsonencode({', 'data.aws_iam_policy_document.x.json', 'assume_role_policy = ', 'assume_role_policy = <<EOF\n{', 'x = [}', '[for s in var.x : s]', '{for k, v in m : k => v}', 'a ? b : c', '#', '//', '/*', '*/', '\\', '...', '"${', '"%{', 'statement {', 'principals {', 'condition {', 'dynamic "statement" {'],
  config: ['{', '}', '[', ']', ',', ':', '"', '"**"', '"**/**/**/**/**/**/**/**/**/x"', '"*?*?*?*?*?*?*?*?*?*?*?*?*?*?b"', '"../"', '"/"', '"./"', '"\\\\"', '"severity"', '{"x": "off"}', '"accountId": 1', 'null', '//', '/*'],
};
const OPEN = { policy: '{"a":[', 'cfn-json': '{"a":[', 'cfn-yaml': '- [', terraform: '[{(', config: '[{' };

function hugeString(r) {
  const n = r.size(60_000);
  const unit = r.pick(['a', '*', '?*', '${', '\\"', '\\u00a0', '\u00a0', '\ufeff', ':', 'sts:*', '/', '\\\\', '\u202e', '\ud83d\ude00', '$${', '%{', '<<EOF\n', '\r', '\r\n', ' ', '#', 'Tag/', 'a:']);
  return unit.repeat(Math.ceil(n / unit.length));
}

function mutateOnce(text, format, r, log) {
  const at = () => r.int(text.length + 1);
  const op = r.int(16);
  switch (op) {
    case 0:
    case 1:
    case 2: {
      // Token deletion, duplication, swap.
      const t = tokens(text);
      if (t.length < 2) return text + r.pick(FRAGMENTS[format]);
      const i = r.int(t.length);
      const j = r.int(t.length);
      if (op === 0) (log.push(`del tok ${i}`), t.splice(i, 1));
      else if (op === 1) (log.push(`dup tok ${i}x`), t.splice(i, 0, ...Array(r.size(r.chance(0.1) ? 5000 : 4)).fill(t[i])));
      else (log.push(`swap tok ${i},${j}`), ([t[i], t[j]] = [t[j], t[i]]));
      return t.join('');
    }
    case 3: {
      const i = at();
      log.push(`truncate ${i}`);
      return text.slice(0, i);
    }
    case 4:
    case 5: {
      const i = at();
      const f = r.pick(op === 4 ? FRAGMENTS[format] : UNICODE);
      log.push(`insert ${JSON.stringify(f)}@${i}`);
      return text.slice(0, i) + f + text.slice(i);
    }
    case 6: {
      const n = r.size(5000);
      const i = at();
      const open = OPEN[format];
      const o = Array.from({ length: n }, (_, k) => open[k % open.length]).join('');
      log.push(`nest ${n}@${i}`);
      return text.slice(0, i) + o + (r.chance(0.5) ? '' : [...o].reverse().map((c) => ({ '{': '}', '[': ']', '(': ')', '"': '"', ':': '', a: '' })[c] ?? '').join('')) + text.slice(i);
    }
    case 7: {
      // A huge string: in place of a string token's content, or inserted.
      const h = hugeString(r);
      const i = text.indexOf('"', at());
      log.push(`huge string ${h.length}@${i}`);
      return i < 0 ? text + h : text.slice(0, i + 1) + h + text.slice(i + 1);
    }
    case 8: {
      // A huge array: an element (a line) repeated.
      const lines = text.split('\n');
      const i = r.int(lines.length);
      const n = r.size(3000);
      log.push(`repeat line ${i} x${n}`);
      lines.splice(i, 0, ...Array(n).fill(lines[i]));
      return lines.join('\n');
    }
    case 9: {
      // Unicode spaces in place of indentation (pasted from a web page), or of all spaces.
      const ch = r.pick(['\u00a0', '\u3000', '\u2028', '\ufeff', '\u200b', '\u202f']);
      log.push(`spaces->U+${ch.charCodeAt(0).toString(16)}`);
      return r.chance(0.5) ? text.replace(/^ +/gm, (m) => ch.repeat(m.length)) : text.replace(/ /g, () => (r.chance(0.5) ? ch : ' '));
    }
    case 10: {
      const way = r.int(4);
      log.push(`eol ${['crlf', 'cr', 'mix', 'lone-cr'][way]}`);
      if (way === 0) return text.replace(/\n/g, '\r\n');
      if (way === 1) return text.replace(/\n/g, '\r');
      if (way === 2) return text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r']));
      const i = at();
      return text.slice(0, i) + '\r' + text.slice(i);
    }
    case 11: {
      const i = at();
      log.push(`bom/surrogate@${i}`);
      return r.chance(0.3) ? '\ufeff' + text : text.slice(0, i) + r.pick(['\ud800', '\udfff', '\ud800\ud800', '\u202e\u2066', '\u2028\u2029']) + text.slice(i);
    }
    case 12: {
      // Format-specific structure.
      if (format === 'cfn-yaml') {
        const n = r.size(12);
        const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
        for (let k = 1; k < n; k++) bomb.push(`a${k}: &a${k} [${Array(9).fill(`*a${k - 1}`).join(', ')}]`);
        const extra = r.pick([bomb.join('\n') + '\n', 'Base: &base\n  Effect: Allow\nMore:\n  <<: *base\n  <<: *nope\n', '--- !!map\n...\n---\n', `x: ${'*a '.repeat(r.size(1000))}\n`, 'k: !Sub\n  - "${X}"\n  - X: !Ref Y\n', '? [a, b]\n: c\n', 'x: &a\n  y: *a\n']);
        log.push('yaml structure');
        const i = r.chance(0.5) ? 0 : text.lastIndexOf('\n', at()) + 1;
        return text.slice(0, i) + extra + text.slice(i);
      }
      if (format === 'terraform') {
        const extra = r.pick(['x = <<EOF\n{"Statement": [', 'assume_role_policy = <<-EOT\n  {\n', 'y = "${', 'y = "${jsonencode({a = "${', '/* never closed', 'z = "never closed', 'p = jsonencode({ Statement = [{ Principal = { AWS = "${var.x}" }, Action = "sts:AssumeRole", Effect = "Allow" ', 'x = [}', 'q = %{ if true }', `h = ${'<<EOF\n'.repeat(r.size(200))}`, `s = ${'"${'.repeat(r.size(2000))}`]);
        const i = at();
        log.push(`hcl ${JSON.stringify(extra.slice(0, 20))}@${i}`);
        return text.slice(0, i) + extra + text.slice(i);
      }
      if (format === 'config') {
        log.push('config glob');
        return JSON.stringify({ include: [r.pick(['**/'.repeat(r.size(300)) + 'x', '*?'.repeat(r.size(2000)) + 'b', '/'.repeat(r.size(5000))])], exclude: ['*'.repeat(r.size(3000))], severity: { [hugeString(r).slice(0, 200)]: r.pick(['off', 'error', 'nope', 1]) } });
      }
      return text.replace(/"Action"\s*:/, `"Condition": {"StringLike": {"aws:PrincipalTag/${'a:'.repeat(r.size(20_000))}\\n": "x", "aws:RequestTag/${'b'.repeat(r.size(20_000))}\\n": "y"}}, "Action":`);
    }
    case 13: {
      // A copy of a random span somewhere else.
      const i = at();
      const j = at();
      const n = r.size(400);
      log.push(`copy ${n}@${i}->${j}`);
      return text.slice(0, j) + text.slice(i, i + n) + text.slice(j);
    }
    case 14: {
      const i = at();
      const n = r.size(text.length >> 2 || 1);
      log.push(`delete ${n}@${i}`);
      return text.slice(0, i) + text.slice(i + n);
    }
    default: {
      // Replace a quote or bracket with another.
      const i = at();
      const c = r.pick(['"', "'", '{', '}', '[', ']', '`', '\\', '\n', ' ', '$', '%', '<', '#']);
      log.push(`set ${JSON.stringify(c)}@${i}`);
      return text.slice(0, i) + c + text.slice(i + 1);
    }
  }
}

const MAX_CHARS = 300_000;

const FORMATS = ['policy', 'cfn-yaml', 'cfn-json', 'terraform'];

function makeDocument(seeds, r) {
  // Each format as often as the others, whatever the number of its seed files.
  const wanted = r.chance(0.08) ? 'config' : r.pick(FORMATS);
  const own = seeds.filter((s) => s.format === wanted);
  const seed = r.pick(own.length > 0 && seeds.some((s) => s.format !== 'config') ? own : seeds);
  const log = [seed.name];
  let text = seed.text;
  // Sometimes read a file as another format (an editor meets them).
  const format = seed.format !== 'config' && r.chance(0.05) ? r.pick(FORMATS) : seed.format;
  for (let k = r.size(5); k > 0; k--) {
    text = mutateOnce(text, format, r, log);
    if (text.length > MAX_CHARS) text = text.slice(0, MAX_CHARS);
  }
  return { format, text, origin: log.join('; ') };
}

// ---------------------------------------------------------------------------------------------
// Checks, run in a worker on one document.

const ACCOUNT = '111122223333';

/** CPU time of the calling thread in ms (/proc, 10 ms ticks; wall time where there is no /proc): process.cpuUsage() counts every worker. */
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return performance.now();
  }
}

function checkRange(text, items, what) {
  for (const f of items) {
    if (!Number.isInteger(f.offset) || !Number.isInteger(f.length) || f.offset < 0 || f.length < 0 || f.offset + f.length > text.length) {
      throw new Error(`${what}: range ${f.offset}+${f.length} outside a text of ${text.length} (${f.code ?? ''} ${String(f.message ?? f.content ?? '').slice(0, 80)})`);
    }
    if (f.range && (f.range.start.line < 0 || f.range.start.character < 0)) throw new Error(`${what}: negative position ${JSON.stringify(f.range)}`);
  }
}

function requests(r) {
  const long = (s) => s.repeat(r.size(20_000 / s.length));
  return Array.from({ length: 2 }, () => ({
    principal: { type: r.pick(['AWS', 'Service', 'Federated', 'CanonicalUser']), id: r.pick([ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/R`, 'lambda.amazonaws.com', 'token.actions.githubusercontent.com', `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`, '*', '', long('a*'), '\ud800\u00a0']) },
    action: r.pick(['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', '*', '', long('*a')]),
    context: r.chance(0.5) ? { 'aws:PrincipalTag/team:name': 'x', 'sts:ExternalId': long('a'), 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main', 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] } : {},
  }));
}

/** Runs every check of the document's format; throws (with the call's name) on the first failure. Returns per-call CPU times. */
function runChecks(E, job, calls) {
  const { text, format } = job;
  const r = rng(job.seed);
  const call = (name, fn) => {
    calls.starting?.(name);
    const t0 = threadCpuMs();
    try {
      return fn();
    } catch (error) {
      const e = new Error(`${name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      e.stack = `${e.message}\n${String(error?.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
      throw e;
    } finally {
      calls.push([name, threadCpuMs() - t0]);
    }
  };
  if (format === 'config') {
    const { config, problems } = call('parseProjectConfig', () => E.parseProjectConfig(text));
    checkRange(text, problems, 'parseProjectConfig problems');
    call('config use', () => {
      const layer = E.mergeLayers(config, { ignore: ['x'] });
      E.applySeverities([{ code: 'public-principal', severity: 'security', message: 'm', offset: 0, length: 0 }], layer);
      for (const path of ['a.json', 'infra/legacy/x/y/z.json', `${'d/'.repeat(200)}f.json`, '../x', 'node_modules/a', '']) {
        E.searchIncludes(config, path, false);
        E.searchIncludes(config, path, true);
      }
    });
    return;
  }
  const options = r.chance(0.5) ? { accountId: ACCOUNT } : {};
  if (format === 'policy') {
    const findings = call('lint', () => E.lint(text, options));
    checkRange(text, findings, 'lint findings');
    // Every finding's fixes on documents of editor size; the first 12 on larger ones.
    for (const finding of text.length < 20_000 ? findings : findings.slice(0, 12)) {
      const fixes = call(`fixesFor ${finding.code}`, () => E.fixesFor(text, finding, { accountId: ACCOUNT, tabSize: r.pick([2, 4]), insertSpaces: r.chance(0.8), eol: r.pick(['\n', '\r\n']) }));
      if (!Array.isArray(fixes)) throw new Error(`fixesFor ${finding.code}: not an array`);
      for (const fix of fixes) {
        checkRange(text, fix.edits, `fixesFor ${finding.code} edits`);
        const after = call(`applyFix ${finding.code}`, () => E.applyFix(text, fix));
        if (typeof after !== 'string') throw new Error(`applyFix ${finding.code}: no text`);
        if (after.length < 30_000 && r.chance(0.3)) checkRange(after, call('lint after fix', () => E.lint(after)), 'lint after fix');
      }
    }
    for (const req of requests(r)) {
      const result = call('evaluate', () => E.evaluate(text, req));
      call('describeDecision', () => E.describeDecision(result));
    }
    call('whoCanAssume', () => E.whoCanAssume(text));
    call('whoCanAssume(caller)', () => E.whoCanAssume(text, { caller: r.pick([ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/R`, 'lambda.amazonaws.com', 'token.actions.githubusercontent.com', '*', '', 'arn:aws:iam::1:oidc-provider/\u00a0']), context: { 'aws:PrincipalTag/a:b': 'x' } }));
    return;
  }
  const kind = format === 'terraform' ? 'terraform' : 'cloudformation';
  call('embeddingKind', () => E.embeddingKind(format === 'terraform' ? 'main.tf' : format === 'cfn-yaml' ? 't.yaml' : 't.json', text));
  const findings = call(`lintEmbedded ${kind}`, () => E.lintEmbedded(text, kind, options));
  checkRange(text, findings, `lintEmbedded ${kind} findings`);
  let n = 0;
  for (const finding of findings) {
    if (!E.FIXABLE_CODES.includes(finding.code) || n++ >= 6) continue;
    const fixes = call(`embeddedFixes ${finding.code}`, () => E.embeddedFixes(text, kind, finding.offset, finding.code, options));
    for (const fix of fixes) checkRange(text, fix.edits, `embeddedFixes ${finding.code} edits`);
  }
  for (const offset of [0, text.length, r.int(text.length + 1)]) {
    const at = call('embeddedPolicyAt', () => E.embeddedPolicyAt(text, kind, offset, options));
    if (at && !(at.offset >= 0 && at.offset <= at.json.length && at.source.start >= 0 && at.source.end <= text.length)) throw new Error(`embeddedPolicyAt@${offset}: out of range`);
  }
}

const EXTENSION = { policy: 'json', 'cfn-yaml': 'yaml', 'cfn-json': 'template.json', terraform: 'tf', config: 'json' };

/** The CLI on the document written to a file (with a mutated .iamtrust.json beside it, sometimes), in one of its formats. */
function runCli(E, job, dir) {
  const r = rng(job.seed ^ 0x5bd1e995);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `doc.${EXTENSION[job.format]}`);
  writeFileSync(file, job.text);
  if (job.config !== undefined) writeFileSync(join(dir, '.iamtrust.json'), job.config);
  const format = r.pick(['text', 'json', 'sarif']);
  let out = '';
  let err = '';
  const io = { stdout: (t) => (out += t), stderr: (t) => (err += t), fs: E.nodeFileSystem, colour: r.chance(0.3), cwd: dir };
  const status = E.cliMain(['--format', format, r.chance(0.5) ? file : dir, ...(r.chance(0.3) ? ['--account', ACCOUNT] : [])], io);
  if (typeof status !== 'number' || status < 0 || status > 2) throw new Error(`cli: status ${status}`);
  if (/internal error/.test(err + out)) throw new Error(`cli --format ${format}: ${(err + out).match(/.*internal error.*/)[0].slice(0, 400)}`);
  if (format !== 'text') JSON.parse(out);
}

/** Untimed: the first calls compile the engine and build its lazy tables. */
function warmUp(E, dir) {
  const seeds = loadSeeds();
  // The CLI's first run compiles its own code (hundreds of ms on a loaded machine).
  if (dir) {
    try {
      runCli(E, { text: '{}', format: 'policy', seed: 1 }, dir);
    } catch {
      // Reported when a document meets it.
    }
  }
  for (const format of FORMATS) {
    const seed = seeds.find((s) => s.format === format);
    if (seed) {
      try {
        runChecks(E, { text: seed.text, format, seed: 1 }, []);
      } catch {
        // Reported when a document meets it.
      }
    }
  }
}

function campaignWorker() {
  const require = createRequire(import.meta.url);
  const E = require(engineFile);
  const dir = join(workerData.tmp, `w${workerData.n}`);
  warmUp(E, dir);
  parentPort.on('message', (job) => {
    const calls = [];
    let error;
    try {
      runChecks(E, job, calls);
      if (job.cli) {
        const t0 = threadCpuMs();
        runCli(E, job, dir);
        calls.push(['cli', threadCpuMs() - t0]);
      }
    } catch (e) {
      error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    // Only the slowest call goes back.
    let slowest = ['', 0];
    for (const c of calls) if (c[1] > slowest[1]) slowest = c;
    parentPort.postMessage({ id: job.id, error, slowest });
  });
  parentPort.postMessage({ ready: true });
}

// ---------------------------------------------------------------------------------------------
// The main thread: the pool with its time bound, the phases, the report.

const ENGINE_ENTRY = `
export { lint } from './src/policy/lint/lint';
export { lintEmbedded, embeddingKind, embeddedFixes, embeddedPolicyAt } from './src/policy/embedded';
export { fixesFor, applyFix, FIXABLE_CODES } from './src/policy/lint/fixes';
export { evaluate, describeDecision } from './src/policy/evaluate/evaluate';
export { whoCanAssume } from './src/policy/evaluate/whoCanAssume';
export { parseProjectConfig, mergeLayers, applySeverities, searchIncludes } from './src/policy/lint/config';
export { main as cliMain } from './src/cli/main';
export { nodeFileSystem } from './src/cli/files';
`;

/** The time a document may take before its worker counts as hung: --hang-ms, plus 20 ms per KB (every reader and the CLI run on it). */
let boundFor = () => 2000;

class CampaignPool {
  constructor(n, hangMs, tmp) {
    this.hangMs = hangMs;
    this.tmp = tmp;
    this.nextId = 0;
    this.queue = [];
    this.workers = Array.from({ length: n }, (_, i) => this.spawn(i));
  }
  spawn(n) {
    const w = { n, worker: new Worker(fileURLToPath(import.meta.url), { workerData: { campaign: true, tmp: this.tmp, n }, resourceLimits: { maxOldGenerationSizeMb: 1024 }, stdout: false, stderr: false }), ready: false, job: undefined };
    w.worker.on('message', (m) => {
      if (m.ready) {
        w.ready = true;
        return this.dispatch();
      }
      if (!w.job || w.job.job.id !== m.id) return;
      const { resolve, timer } = w.job;
      clearTimeout(timer);
      w.job = undefined;
      resolve({ kind: m.error ? 'exception' : 'ok', error: m.error, slowest: m.slowest });
      this.dispatch();
    });
    const lost = (why) => {
      if (!this.workers.includes(w)) return;
      const current = w.job;
      w.job = undefined;
      if (current) clearTimeout(current.timer);
      this.workers[this.workers.indexOf(w)] = this.spawn(n);
      void w.worker.terminate();
      if (current) current.resolve({ kind: why === 'hang' ? 'hang' : 'crash', error: why });
    };
    w.worker.on('error', (e) => lost(`crash: ${e.message}`));
    w.worker.on('exit', (code) => lost(`crash: exit ${code}`));
    w.lost = lost;
    return w;
  }
  /** Runs one document; resolves with kind ok/exception/hang/crash. */
  run(job, hangMs = boundFor(job)) {
    return new Promise((resolve) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, resolve, hangMs });
      this.dispatch();
    });
  }
  dispatch() {
    for (const w of this.workers) {
      if (!w.ready || w.job || this.queue.length === 0) continue;
      const item = this.queue.shift();
      w.job = { ...item, timer: setTimeout(() => w.lost('hang'), item.hangMs) };
      w.worker.postMessage(item.job);
    }
  }
  async close() {
    const all = this.workers;
    this.workers = [];
    await Promise.all(all.map((w) => w.worker.terminate()));
  }
}

async function campaign(args) {
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const minutes = Number(opt('minutes', '1'));
  const workers = Number(opt('workers', '2'));
  const seed = Number(opt('seed', String(Date.now() % 2 ** 31)));
  const hangMs = Number(opt('hang-ms', '2000'));
  const out = opt('out', join(root, 'test-results', 'fuzz', 'campaign'));
  const esbuild = await import('esbuild');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: ENGINE_ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'campaign-engine.ts' },
    outfile: engineFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    define: { IAM_TRUST_VERSION: JSON.stringify(version) },
  });
  process.setSourceMapsEnabled?.(true);
  const tmp = mkdtempSync(join(tmpdir(), 'fuzz-campaign-'));
  const replayFile = opt('replay');
  if (replayFile) {
    // One failing document again, in this thread, each call timed: --replay <base>.failure.json (beside its input).
    const meta = JSON.parse(readFileSync(replayFile, 'utf8'));
    const job = { ...meta, text: readFileSync(replayFile.replace(/\.failure\.json$/, `.${EXTENSION[meta.format]}`), 'utf8') };
    const E = createRequire(import.meta.url)(engineFile);
    if (args.includes('--warm-up')) warmUp(E);
    const calls = [];
    const logged = { push: (c) => (calls.push(c), console.log(`  ${c[1]} ms CPU ${c[0]}`)), starting: (name) => console.log(`  ${name} …`) };
    try {
      runChecks(E, job, logged);
      if (job.cli) runCli(E, job, join(tmp, 'replay'));
      console.log('replay: no exception');
    } catch (error) {
      console.log(`replay: ${error.stack ?? error}`);
    }
    rmSync(tmp, { recursive: true, force: true });
    return 0;
  }
  const seeds = loadSeeds();
  boundFor = (job) => Math.round(hangMs + (20 * job.text.length) / 1024);
  const pool = new CampaignPool(workers, hangMs, tmp);
  const failures = [];
  const stats = {};
  const cpu0 = process.cpuUsage();
  const wall0 = Date.now();
  const record = async (job, result, phase) => {
    const s = (stats[`${phase} ${job.format}`] ??= { documents: 0, chars: 0, exception: 0, hang: 0, crash: 0, slow: 0, overBoundOnce: 0 });
    s.documents++;
    s.chars += job.text.length;
    let { kind } = result;
    let detail = result.error;
    const budget = Math.max(100, (50 * job.text.length) / 1024);
    if (kind === 'hang' || kind === 'crash') {
      // Confirm in a fresh worker with ten times the bound: a loaded machine can be slow.
      const again = await pool.run(job, boundFor(job) * 10);
      if (again.kind === 'ok' && again.slowest[1] <= budget) {
        s.overBoundOnce++;
        return;
      }
      if (again.kind === 'ok' || again.kind === 'exception') {
        kind = again.kind === 'ok' ? 'slow' : 'exception';
        detail = again.kind === 'ok' ? `over ${boundFor(job)} ms once; ${again.slowest[0]} ${again.slowest[1].toFixed(0)} ms CPU on replay` : again.error;
      } else detail = `${again.kind} again with ${boundFor(job) * 10} ms (${again.error})`;
    } else if (kind === 'ok' && result.slowest[1] > budget) {
      // Over the budget once: again in a fresh worker, as for a hang (a loaded machine can be
      // slow: a 2 KB template's CLI run took 110 ms of CPU beside two valgrind runs; its lint takes 15-29 ms alone).
      const again = await pool.run(job, boundFor(job) * 10);
      if (again.kind === 'ok' && again.slowest[1] <= budget) {
        s.overBoundOnce++;
        return;
      }
      kind = again.kind === 'ok' ? 'slow' : again.kind;
      detail = `${result.slowest[0]} ${result.slowest[1].toFixed(0)} ms CPU for ${job.text.length} characters${again.kind === 'ok' ? `; ${again.slowest[0]} ${again.slowest[1].toFixed(0)} ms on replay` : `; ${again.kind} on replay (${again.error})`}`;
    }
    if (kind === 'ok') return;
    s[kind]++;
    if (failures.length < 400) {
      mkdirSync(out, { recursive: true });
      const base = join(out, `${phase}-${job.format}-${seed}-${failures.length}`);
      writeFileSync(`${base}.${EXTENSION[job.format]}`, job.text);
      writeFileSync(`${base}.failure.json`, JSON.stringify({ kind, detail, format: job.format, origin: job.origin, seed: job.seed, cli: job.cli, config: job.config }, null, 2));
      failures.push({ kind, detail, base, origin: job.origin, chars: job.text.length });
      console.log(`campaign: ${kind} (${job.format}, ${job.text.length} chars) ${String(detail).split('\n')[0].slice(0, 300)}\n    ${job.origin.slice(0, 200)}\n    ${base}.${EXTENSION[job.format]}`);
    }
  };
  const configSeeds = seeds.filter((s) => s.format === 'config');
  // Phase 1: mutated documents, until the time is up.
  const until = Date.now() + minutes * 60_000 * 0.75;
  let n = 0;
  const inFlight = new Set();
  let lastPrint = Date.now();
  while (Date.now() < until) {
    const r = rng((Math.imul(seed, 2654435761) + n) | 0);
    const doc = makeDocument(seeds, r);
    const job = { ...doc, seed: (seed + n) >>> 0, cli: r.chance(0.04) };
    if (job.cli && r.chance(0.5)) job.config = makeDocument(configSeeds, r).text;
    n++;
    const p = pool.run(job).then((result) => record(job, result, 'mutated'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= workers * 4) await Promise.race(inFlight);
    if (Date.now() - lastPrint > 60_000) {
      lastPrint = Date.now();
      console.log(`campaign: … ${n} documents, ${failures.length} failing`);
    }
  }
  await Promise.all(inFlight);
  // Phase 2: every prefix of small seeds of each format (truncation at every point).
  const prefixUntil = Date.now() + minutes * 60_000 * 0.2;
  const small = seeds.filter((s) => s.text.length < 2500).sort((a, b) => ((a.name.length * 7919) % 101) - ((b.name.length * 7919) % 101));
  let prefixes = 0;
  for (const s of small) {
    if (Date.now() > prefixUntil) break;
    const jobs = [];
    for (let i = 0; i <= s.text.length; i++) jobs.push(pool.run({ format: s.format, text: s.text.slice(0, i), origin: `${s.name} truncated at ${i}`, seed: i }).then((result) => record({ format: s.format, text: s.text.slice(0, i), origin: `${s.name} truncated at ${i}`, seed: i }, result, 'prefix')));
    await Promise.all(jobs);
    prefixes += jobs.length;
  }
  const wall = (Date.now() - wall0) / 1000;
  const { user, system } = process.cpuUsage(cpu0);
  await pool.close();
  // Phase 3: time versus size, by doubling (in this thread, after the workers are done).
  const linear = doubling();
  rmSync(tmp, { recursive: true, force: true });
  console.log(`\ncampaign: seed ${seed}, ${seeds.length} seed files, ${n} mutated documents, ${prefixes} prefixes of ${small.length} small seeds; ${wall.toFixed(0)} s wall, ${((user + system) / 1e6).toFixed(0)} s CPU of this process (workers included)`);
  console.log('phase/format              documents    M chars  exceptions  hangs  crashes  slow  (over the bound once, within budget on replay)');
  for (const [k, s] of Object.entries(stats).sort()) console.log(`${k.padEnd(24)} ${String(s.documents).padStart(10)} ${(s.chars / 1e6).toFixed(1).padStart(10)} ${String(s.exception).padStart(11)} ${String(s.hang).padStart(6)} ${String(s.crash).padStart(8)} ${String(s.slow).padStart(5)}  (${s.overBoundOnce})`);
  console.log(failures.length || !linear ? `campaign: FAILED (seed ${seed}); inputs under ${out}/` : `campaign: no failure (seed ${seed})`);
  return failures.length || !linear ? 1 : 0;
}

/** Shapes of growing size for each reader: 8x the size must cost at most 20x the CPU time. */
function doubling() {
  const require = createRequire(import.meta.url);
  const E = require(engineFile);
  const statement = (i) => `{"Sid":"S${i}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x","aws:PrincipalTag/team:a${i}":"y"}}}`;
  const policy = (n) => `{"Version":"2012-10-17","Statement":[${Array.from({ length: n }, (_, i) => statement(i)).join(',\n')}]}`;
  const lintFixes = (text) => {
    for (const f of E.lint(text)) for (const fix of E.fixesFor(text, f)) E.applyFix(text, fix);
  };
  const shapes = [
    ['policy statements', (n) => policy(n / 4), (t) => E.lint(t)],
    ['policy, NBSP indentation + fixes', (n) => policy(n / 4).replace(/\n/g, '\n\u00a0\u00a0'), lintFixes],
    ['policy, CR line ends', (n) => policy(n / 4).replace(/\n/g, '\r'), (t) => E.lint(t)],
    ['policy, one long line of NBSP', (n) => `{"Version":"2012-10-17",${'\u00a0'.repeat(n * 40)}"Statement":[]}`, lintFixes],
    ['policy, NBSP between every token', (n) => policy(n / 4).replace(/([,:{}[\]])/g, '$1\u00a0'), lintFixes],
    ['policy, trailing commas', (n) => `{"Statement":[${'{},'.repeat(n * 10)}]}`, (t) => E.lint(t)],
    ['policy, colon-tag key with newline', (n) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:TagSession","Condition":{"StringEquals":{"aws:PrincipalTag/${'a:'.repeat(n * 20)}\\n":"x","aws:RequestTag/${'ab'.repeat(n * 20)}\\n":"x","s3:ExistingObjectTag/${'x'.repeat(n * 40)}\\n":"y"}}}]}`, (t) => E.lint(t)],
    ['policy, unclosed brackets', (n) => '{"Statement":['.repeat(n * 2), lintFixes],
    // Each string broken by a line break makes a span whose rule findings are dropped; the keys between them keep theirs.
    ['policy, strings broken by line breaks', (n) => `{"Statement":[{"Condition":{"StringEquals":{${Array.from({ length: n }, (_, i) => `"k${i}":"x\n y",\n"bad${i}":"v",`).join('')}"z":"v"}}}]}`, lintFixes],
    ['evaluate + whoCanAssume', (n) => policy(n / 4), (t) => (E.evaluate(t, { principal: { type: 'AWS', id: '444455556666' }, action: 'sts:AssumeRole', context: { 'sts:ExternalId': 'x' } }), E.whoCanAssume(t, { caller: '444455556666' }))],
    ['cfn-yaml roles', (n) => `Resources:\n${Array.from({ length: n / 4 }, (_, i) => `  R${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: '*' }\n            Action: sts:AssumeRole\n`).join('')}`, (t) => E.lintEmbedded(t, 'cloudformation')],
    ['cfn-yaml anchors', (n) => `Resources:\n  A: &a\n    Type: AWS::IAM::Role\n${Array.from({ length: n / 2 }, (_, i) => `  R${i}: *a\n  M${i}:\n    <<: *a\n`).join('')}`, (t) => E.lintEmbedded(t, 'cloudformation')],
    ['cfn-yaml CRLF + NBSP', (n) => `Resources:\r\n${Array.from({ length: n / 4 }, (_, i) => `  R${i}:\r\n    Type: AWS::IAM::Role\r\n    Properties:\r\n      AssumeRolePolicyDocument: |\r\n        {"Statement": [{\u00a0"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}\r\n`).join('')}`, (t) => E.lintEmbedded(t, 'cloudformation')],
    ['cfn-json roles', (n) => `{"Resources":{${Array.from({ length: n / 4 }, (_, i) => `"R${i}":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Fn::Sub":"{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"sts:AssumeRole\\"}]}"}}}`).join(',')}}}`, (t) => E.lintEmbedded(t, 'cloudformation')],
    ['terraform heredocs', (n) => Array.from({ length: n / 4 }, (_, i) => `resource "aws_iam_role" "r${i}" {\n  assume_role_policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}\nEOF\n}\n`).join(''), (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform unterminated heredocs', (n) => 'x = <<EOF\n'.repeat(n * 2), (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform unterminated ${', (n) => 'x = "${'.repeat(n * 2), (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform unterminated strings', (n) => 'x = "a\n'.repeat(n * 2), (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform unterminated comments', (n) => 'x = 1 /* a\n'.repeat(n * 2), (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform jsonencode statements', (n) => `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [${Array.from({ length: n / 4 }, () => '{ Effect = "Allow", Principal = { AWS = "${var.a}" }, Action = "sts:AssumeRole" }').join(',\n')}] })\n}\n`, (t) => E.lintEmbedded(t, 'terraform')],
    ['terraform policy documents', (n) => Array.from({ length: n / 8 }, (_, i) => `data "aws_iam_policy_document" "d${i}" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type = "AWS"\n      identifiers = ["*"]\n    }\n  }\n}\nresource "aws_iam_role" "r${i}" {\n  assume_role_policy = data.aws_iam_policy_document.d${i}.json\n}\n`).join(''), (t) => E.lintEmbedded(t, 'terraform')],
    ['config globs', (n) => JSON.stringify({ exclude: ['**/'.repeat(n / 8) + 'x', '*?'.repeat(n) + 'b'] }), (t) => {
      const { config } = E.parseProjectConfig(t);
      E.searchIncludes(config, `${'d/'.repeat(64)}${'a'.repeat(2000)}`, false);
    }],
  ];
  const cpu = (fn) => {
    const samples = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.cpuUsage();
      fn();
      const { user, system } = process.cpuUsage(t0);
      samples.push((user + system) / 1000);
    }
    return Math.min(...samples);
  };
  let ok = true;
  console.log('\ncampaign: time versus size (CPU ms, min of 5), n = 400 … 3200');
  for (const [name, make, run] of shapes) {
    const times = [];
    let chars = 0;
    try {
      for (const n of [400, 800, 1600, 3200]) {
        const text = make(n);
        chars = text.length;
        times.push(cpu(() => run(text)));
      }
    } catch (error) {
      ok = false;
      console.log(`  ${name}: EXCEPTION ${error instanceof Error ? error.message : error}`);
      continue;
    }
    const ratio = times[3] / Math.max(times[0], 0.5);
    const bad = ratio > 20 && times[3] > 50;
    if (bad) ok = false;
    console.log(`  ${bad ? 'SUPER-LINEAR ' : ''}${name}: ${times.map((t) => t.toFixed(1)).join(' / ')} ms (${chars} chars at 8x; 8x size = ${ratio.toFixed(1)}x time)`);
  }
  return ok;
}

// Last, after every declaration above (top-level await would meet them uninitialised).
if (!isMainThread && workerData?.campaign) {
  campaignWorker();
} else if (process.argv.includes('--campaign')) {
  process.exit(await campaign(process.argv.slice(2).filter((a) => a !== '--campaign')));
} else {
  const esbuild = await import('esbuild');
  const outfile = join(root, 'out', 'fuzz', 'long.js');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['test/fuzz/long.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

// Part of `npm run bench` (and `node scripts/bench-size.mjs [--limit S] [--max-size 1MB]` alone):
// time versus size for each shape of input, for JSON lint and lintEmbedded (YAML, Terraform).
// Prints, per shape, the time at 10 KB, 100 KB, 1 MB and 10 MB (median of 5, 5, 3 and 1 runs),
// µs per KB, and the growth from one size to the next (linear: about 10x per 10x). Reports only.
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const KB = 1024;
const SIZES = [10 * KB, 100 * KB, KB * KB, 10 * KB * KB];
const RUNS = [5, 5, 3, 1];

/** The shapes: each makes a policy (an object, or JSON text where JSON cannot say it) from a count. */
const SHAPES = {
  'statements': (n) => ({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::444455556666:role/r${i}` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `x${i}` } } })) }),
  'principals': (n) => statement({ Principal: { AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:role/r${i}`) } }),
  'actions (known, unknown)': (n) => statement({ Action: Array.from({ length: n }, (_, i) => ['sts:AssumeRole', 'sts:TagSession', `sts:Foo${i}`, `s3:Get${i}`][i % 4]) }),
  'condition keys': (n) => statement({ Condition: { StringEquals: Object.fromEntries(Array.from({ length: n }, (_, i) => [`aws:PrincipalTag/k${i}`, `v${i}`])) } }),
  'condition values': (n) => statement({ Condition: { StringLike: { 'aws:PrincipalArn': Array.from({ length: n }, (_, i) => `arn:aws:iam::444455556666:role/r${i}-*`) } } }),
  'wildcard action sts:*A*A…': (n) => statement({ Action: `sts:${'*A'.repeat(n)}` }),
  'wildcard value *a*a…': (n) => statement({ Condition: { StringLike: { 'sts:RoleSessionName': '*a'.repeat(n) } } }),
  'trailing commas, one line': (n) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}${','.repeat(n)}]}`,
  'deep nesting [[[…]]]': (n) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":${'['.repeat(n)}${']'.repeat(n)}}]}`,
};
function statement(extra) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', ...extra }] };
}

const READERS = ['JSON lint', 'YAML lintEmbedded', 'Terraform lintEmbedded'];

/** The document for a reader: the policy itself, in a SAM/CloudFormation template, or in a .tf file. */
function documentOf(reader, policy, { toYaml, toHcl }) {
  if (reader === 'JSON lint') return typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  if (reader === 'YAML lintEmbedded') {
    const head = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:";
    return typeof policy === 'string' ? `${head} ${policy}\n` : `${head}${toYaml(policy, 8)}\n`;
  }
  return `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode(${typeof policy === 'string' ? policy : toHcl(policy, 2)})\n}\n`;
}

/** A document of about `size` characters: the count found by scaling. */
function sized(shape, reader, size, emit) {
  let n = 16;
  let text = documentOf(reader, SHAPES[shape](n), emit);
  for (let i = 0; i < 4 && Math.abs(text.length - size) > size * 0.02; i++) {
    n = Math.max(1, Math.round((n * size) / text.length));
    text = documentOf(reader, SHAPES[shape](n), emit);
  }
  return text;
}

if (!isMainThread) {
  // One series (shape, reader): each size in turn, reporting after each.
  const { shape, reader, sizes, runs, policyPath, emitPath } = workerData;
  const policy = require(policyPath);
  const emit = require(emitPath);
  const read = reader === 'JSON lint' ? (t) => policy.lint(t) : (t) => policy.lintEmbedded(t, reader.startsWith('YAML') ? 'cloudformation' : 'terraform');
  // Warm up on a small document of the same shape: the first calls compile the engine.
  const small = sized(shape, reader, 2 * KB, emit);
  for (let i = 0; i < 5; i++) {
    try {
      read(small);
    } catch {
      // Reported with the sizes measured.
    }
  }
  for (let k = 0; k < sizes.length; k++) {
    const text = sized(shape, reader, sizes[k], emit);
    const samples = [];
    let error;
    for (let r = 0; r < runs[k]; r++) {
      const t0 = performance.now();
      try {
        read(text);
      } catch (e) {
        error = `${e?.name}: ${String(e?.message).slice(0, 60)}`;
      }
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    parentPort.postMessage({ k, chars: text.length, ms: samples[Math.floor(samples.length / 2)], error });
  }
} else {
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '60' }, 'max-size': { type: 'string' }, shape: { type: 'string' } } });
  const limitMs = Number(values.limit) * 1000;
  const maxSize = values['max-size'] ? parseSize(values['max-size']) : Infinity;
  const sizes = SIZES.filter((s) => s <= maxSize);
  // The emitters the fuzzers use (YAML block style, HCL objects), bundled from TypeScript.
  const emitPath = join(root, 'out', 'bench', 'emit.js');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['test/fuzz/generate.ts'], outfile: emitPath, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const policyPath = join(root, 'dist', 'policy.js');

  /** Runs a series in a worker; a size over the limit ends the series. */
  const series = (shape, reader) =>
    new Promise((resolve) => {
      const results = [];
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { shape, reader, sizes, runs: RUNS, policyPath, emitPath }, resourceLimits: { maxOldGenerationSizeMb: 8192 } });
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results.push({ timeout: true });
          void worker.terminate();
        }, limitMs * RUNS[results.length]);
      };
      arm();
      worker.on('message', (m) => {
        results.push(m);
        if (results.length < sizes.length) arm();
      });
      worker.on('error', (e) => results.push({ crash: `${e.name}: ${e.message}`.slice(0, 60) }));
      worker.on('exit', () => {
        clearTimeout(timer);
        resolve(results);
      });
    });

  const cell = (r) => (!r ? '—' : r.timeout ? `> ${values.limit} s` : r.crash ? 'crash' : r.ms >= 1000 ? `${(r.ms / 1000).toFixed(1)} s` : `${r.ms.toFixed(r.ms < 10 ? 1 : 0)} ms`);
  console.log(`\ntime versus size (Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; median of ${RUNS.slice(0, sizes.length).join('/')} runs; a size over ${values.limit} s a run ends its series)`);
  const header = ['shape', 'reader', ...sizes.map(label), 'µs/KB at each size', 'growth per 10x'];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  const shapes = values.shape ? Object.keys(SHAPES).filter((s) => s.startsWith(values.shape)) : Object.keys(SHAPES);
  for (const shape of shapes) {
    for (const reader of READERS) {
      const results = await series(shape, reader);
      const done = results.filter((r) => r.ms !== undefined);
      const perKb = done.map((r) => (r.ms * 1000) / (r.chars / KB)).map((v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1)));
      const growth = done.slice(1).map((r, i) => `${(r.ms / done[i].ms).toFixed(1)}x`);
      const errors = [...new Set(results.map((r) => r.error ?? r.crash).filter(Boolean))];
      console.log(`| ${shape} | ${reader} | ${sizes.map((_, k) => cell(results[k])).join(' | ')} | ${perKb.join(' / ')} | ${growth.join(' / ') || '—'}${errors.length ? ` (${errors.join('; ')})` : ''} |`);
    }
  }
}

function label(size) {
  return size >= KB * KB ? `${size / KB / KB} MB` : `${size / KB} KB`;
}
function parseSize(text) {
  const m = /^(\d+)\s*(KB|MB)?$/i.exec(text);
  return m ? Number(m[1]) * (m[2]?.toUpperCase() === 'MB' ? KB * KB : m[2] ? KB : 1) : Infinity;
}

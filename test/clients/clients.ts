// The real AWS clients a session terminal must serve, run as a user runs them: the AWS CLI v2
// (Debian's awscli), boto3 (Debian's python3-boto3) and the JS SDK v3's default chain
// (fromNodeProviderChain, from this repository's node_modules). .ci/run installs the first two.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { AwsClient } from '../../src/session/terminalEnvironment';

export interface RealClient {
  name: AwsClient;
  /** What it says of itself, e.g. "aws-cli/2.9.19 Python/3.11.2 …". */
  version: string;
  /** GetCallerIdentity at the endpoint in AWS_ENDPOINT_URL_STS, printing the caller's ARN. */
  argv: (endpoint: string) => string[];
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

function onPath(name: string, preferred: string[]): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  // pyenv's shims need pyenv's own environment, which a terminal of the tests does not have.
  return [...new Set([...preferred, ...dirs.filter((d) => !/[\\/]shims$/.test(d)).map((d) => join(d, name))])].filter((f) => existsSync(f));
}

/** The clients found on this machine, and a sentence for each one missing. */
export function findClients(root: string): { clients: RealClient[]; missing: string[] } {
  const clients: RealClient[] = [];
  const missing: string[] = [];
  // Debian's packages first: CI installs them, and a CLI v1 elsewhere on PATH would not do.
  const cli = onPath('aws', ['/usr/bin/aws'])
    .map((file) => ({ file, version: firstLine(spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000 }).stdout ?? '') }))
    .find((c) => c.version.startsWith('aws-cli/2.'));
  if (cli) {
    clients.push({ name: 'AWS CLI', version: cli.version, argv: (endpoint) => [cli.file, 'sts', 'get-caller-identity', '--endpoint-url', endpoint, '--output', 'text', '--query', 'Arn'] });
  } else missing.push('the AWS CLI v2 (Debian: apt-get install awscli)');
  const python = onPath('python3', ['/usr/bin/python3'])
    .map((file) => ({ file, version: firstLine(spawnSync(file, ['-c', 'import boto3, botocore; print("boto3/" + boto3.__version__, "botocore/" + botocore.__version__)'], { encoding: 'utf8', timeout: 20_000 }).stdout ?? '') }))
    .find((p) => p.version.startsWith('boto3/'));
  if (python) {
    // Debian's botocore (1.29) does not read AWS_ENDPOINT_URL_STS itself: the endpoint is passed as a user of it would.
    const script = "import boto3, os; print(boto3.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS']).get_caller_identity()['Arn'])";
    clients.push({ name: 'boto3', version: python.version, argv: () => [python.file, '-c', script] });
  } else missing.push('boto3 (Debian: apt-get install python3-boto3)');
  const sdk = (pkg: string) => JSON.stringify(join(root, 'node_modules', '@aws-sdk', pkg));
  // The default chain as an application gets it; the endpoint from AWS_ENDPOINT_URL_STS, which the SDK reads.
  const js =
    `const { STSClient, GetCallerIdentityCommand } = require(${sdk('client-sts')}); const { fromNodeProviderChain } = require(${sdk('credential-providers')});` +
    `new STSClient({ credentials: fromNodeProviderChain(), maxAttempts: 1 }).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e.name + ': ' + String(e.message).split('\\n')[0]); process.exitCode = 1; });`;
  clients.push({ name: 'JS SDK v3', version: `node ${process.version}`, argv: () => [process.execPath, '-e', js] });
  return { clients, missing };
}

export interface Run {
  /** The ARN it printed, or undefined. */
  arn?: string;
  /** Its last words on stderr when it printed none. */
  error?: string;
}

/** Runs argv in env; through `bash -i` (reading $HOME/.bashrc, or `initFile` instead) when `shell` is given. */
export function run(argv: string[], env: Record<string, string>, shell?: { initFile?: string }): Promise<Run> {
  const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const [file, ...args] = shell ? ['bash', ...(shell.initFile ? ['--init-file', shell.initFile] : []), '-i', '-c', quoted] : argv;
  return new Promise((resolve) => {
    const child = spawn(file!, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('close', () => {
      // VS Code's shell integration writes its escape sequences on the same line.
      const arn = /arn:aws:[\w:/+=,.@-]+/.exec(out)?.[0];
      resolve(arn ? { arn } : { error: err.trim().split('\n').filter(Boolean).at(-1) ?? `no output (${out.trim()})` });
    });
  });
}

/** Runs jobs with at most `width` at a time, results in order. */
export async function pool<T>(jobs: Array<() => Promise<T>>, width = 8): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

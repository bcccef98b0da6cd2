// Long-running programs for the refresh and Clear tests: each makes ONE client and calls
// GetCallerIdentity with it every `intervalMs`, printing one line per call —
// `ok <UserId>` (the role id changes with each AssumeRole, so a refresh shows) or
// `error <first line>` — as a dev server or `terraform apply` would keep its client.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export type LoopClient = 'boto3' | 'JS SDK v3';

export function loopArgv(client: LoopClient, root: string, intervalMs: number, python = '/usr/bin/python3'): string[] {
  if (client === 'boto3') {
    const script = [
      'import boto3, os, sys, time',
      "c = boto3.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS'])",
      'while True:',
      '    try:',
      "        print('ok', c.get_caller_identity()['UserId'], flush=True)",
      '    except Exception as e:',
      "        print('error', (str(e).splitlines() or [type(e).__name__])[0], flush=True)",
      `    time.sleep(${intervalMs / 1000})`,
    ].join('\n');
    return [python, '-c', script];
  }
  const sdk = (pkg: string) => JSON.stringify(join(root, 'node_modules', '@aws-sdk', pkg));
  const js =
    `const { STSClient, GetCallerIdentityCommand } = require(${sdk('client-sts')}); const { fromNodeProviderChain } = require(${sdk('credential-providers')});` +
    `const c = new STSClient({ credentials: fromNodeProviderChain(), maxAttempts: 1 });` +
    `const tick = () => c.send(new GetCallerIdentityCommand({})).then((r) => console.log('ok ' + r.UserId), (e) => console.log('error ' + e.name + ': ' + String(e.message).split('\\n')[0])).finally(() => setTimeout(tick, ${intervalMs}));` +
    `tick();`;
  return [process.execPath, '-e', js];
}

/** A running loop: its lines so far, and a wait for the next line that matches. */
export interface Loop {
  lines: string[];
  /** Resolves with the first line after `from` (an index into lines) that matches; rejects after timeoutMs. */
  next(match: RegExp, from: number, timeoutMs: number): Promise<{ line: string; index: number }>;
  stop(): void;
}

export function startLoop(argv: string[], env: Record<string, string>): Loop {
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
    for (const w of [...waiters]) w();
  });
  child.stderr!.resume();
  return {
    lines,
    next(match, from, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = lines.findIndex((l, i) => i >= from && match.test(l));
          if (index < 0) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve({ line: lines[index]!, index });
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${match} after line ${from} in ${timeoutMs} ms; lines: ${JSON.stringify(lines.slice(-5))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    stop: () => void child.kill('SIGKILL'),
  };
}

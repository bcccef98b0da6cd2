import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assumeRole, type AssumedSession } from '../../../src/session/sts';
import type { AwsClient } from '../../../src/session/terminalEnvironment';
import { SessionEnvironment } from '../../../src/terminal/sessionEnvironment';
import { findClients, pool, run, type RealClient } from '../../clients/clients';
import { fakeCollection, terminalProcessEnvironment } from '../../clients/terminal';
import { startLocalAws, trustPolicy, type LocalAws } from '../../local-aws/server';

// Issue 12, section 1: a session terminal gives the assumed role to the AWS CLI v2, boto3 and
// the JS SDK v3 default chain, in each starting environment. The terminal environment is
// computed as the extension computes it (SessionEnvironment over VS Code's collection), and
// applied as VS Code applies it (test/clients/terminal.ts); each client runs for real against
// the local endpoint. Expected identities are what the clients were measured to do (see
// docs/sessions.md): where the extension cannot win, the caveats it shows must say so.

// Tests run from out/test/unit/terminal; the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const VSCODE_BASH_INTEGRATION = join(root, '.vscode-test/host/node_modules/code-server/lib/vscode/out/vs/workbench/contrib/terminal/common/scripts/shellIntegration-bash.sh');

const users = {
  source: { arn: 'arn:aws:iam::444455556666:user/source', accessKeyId: 'AKIASOURCE0000000000', secretAccessKey: 'source-secret' },
  alice: { arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'alice-secret' },
  default: { arn: 'arn:aws:iam::444455556666:user/default', accessKeyId: 'AKIADEFAULT000000000', secretAccessKey: 'default-secret' },
  rc: { arn: 'arn:aws:iam::444455556666:user/rc', accessKeyId: 'AKIARC00000000000000', secretAccessKey: 'rc-secret' },
};
const profile = (name: string, user: { accessKeyId: string; secretAccessKey: string }) => `[${name}]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`;

type Identity = 'role' | 'alice' | 'rc' | 'error';
type Expected = Record<AwsClient, Identity>;
const all = (identity: Identity): Expected => ({ 'AWS CLI': identity, boto3: identity, 'JS SDK v3': identity });

interface Case {
  name: string;
  /** VS Code's environment, beyond PATH, HOME and the endpoint. */
  start: Record<string, string>;
  /** Files in $HOME: .aws/credentials, .bashrc. */
  files: Record<string, string>;
  /** Run through an interactive bash (reading .bashrc); 'vscode': with VS Code's shell integration script. */
  shell?: 'bash' | 'vscode';
  /** A terminal the extension does not open, and one it opens (IAM: Open Terminal in Session). */
  ordinary: Expected;
  session: Expected;
}

const cases: Case[] = [
  { name: '(a) nothing AWS-related set', start: {}, files: {}, ordinary: all('role'), session: all('role') },
  {
    name: '(b) AWS_PROFILE=alice inherited, a profile alice with keys',
    start: { AWS_PROFILE: 'alice' },
    files: { '.aws/credentials': profile('alice', users.alice) },
    // The JS SDK v3 skips the environment's keys whenever AWS_PROFILE is set.
    ordinary: { 'AWS CLI': 'role', boto3: 'role', 'JS SDK v3': 'alice' },
    session: all('role'),
  },
  {
    name: '(b) AWS_PROFILE=alice inherited, no such profile',
    start: { AWS_PROFILE: 'alice' },
    files: {},
    ordinary: all('error'),
    session: all('role'),
  },
  { name: '(c) a [default] profile with static keys', start: {}, files: { '.aws/credentials': profile('default', users.default) }, ordinary: all('role'), session: all('role') },
  {
    name: 'AWS_PROFILE= and AWS_DEFAULT_PROFILE= inherited empty',
    start: { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: '' },
    files: {},
    ordinary: { 'AWS CLI': 'error', boto3: 'error', 'JS SDK v3': 'role' },
    session: all('role'),
  },
  {
    name: 'an older AWS_SECURITY_TOKEN inherited (botocore reads it before AWS_SESSION_TOKEN)',
    start: { AWS_SECURITY_TOKEN: 'token-of-another-session' },
    files: {},
    ordinary: all('role'),
    session: all('role'),
  },
  {
    name: 'web identity and container credentials inherited (later in every chain than the keys)',
    start: { AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent/token', AWS_ROLE_ARN: 'arn:aws:iam::444455556666:role/Web', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' },
    files: {},
    ordinary: all('role'),
    session: all('role'),
  },
  {
    name: "(d) AWS_PROFILE exported by the shell's rc file, after VS Code's environment",
    start: {},
    files: { '.aws/credentials': profile('default', users.default) + profile('rc', users.rc), '.bashrc': 'export AWS_PROFILE=rc\n' },
    shell: 'bash',
    // Nothing in an environment can remove it again: the CLI and boto3 still take the keys.
    ordinary: { 'AWS CLI': 'role', boto3: 'role', 'JS SDK v3': 'rc' },
    session: { 'AWS CLI': 'role', boto3: 'role', 'JS SDK v3': 'rc' },
  },
  {
    name: "(d) the rc file exports AWS_PROFILE only outside sessions, as docs/sessions.md suggests",
    start: {},
    files: { '.aws/credentials': profile('rc', users.rc), '.bashrc': '[ -n "$AWS_ACCESS_KEY_ID" ] || export AWS_PROFILE=rc\n' },
    shell: 'bash',
    ordinary: all('role'),
    session: all('role'),
  },
  {
    name: "(d) the rc file exports static keys, with VS Code's shell integration (applied again after it)",
    start: {},
    files: { '.bashrc': `export AWS_ACCESS_KEY_ID=${users.rc.accessKeyId} AWS_SECRET_ACCESS_KEY=${users.rc.secretAccessKey}\nunset AWS_SESSION_TOKEN\n` },
    shell: 'vscode',
    ordinary: all('role'),
    session: all('role'),
  },
];

const found = findClients(root);
const skip = found.missing.length ? `real clients missing: ${found.missing.join(', ')} (.ci/run installs them)` : false;

describe('real clients in a session terminal, per starting environment', { skip }, () => {
  let local: LocalAws;
  let session: AssumedSession;
  const dir = mkdtempSync(join(tmpdir(), 'iam-trust-clients-'));
  before(async () => {
    local = await startLocalAws({
      users: Object.values(users),
      roles: [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) }],
    });
    // The session as the extension makes it.
    session = await assumeRole(
      { roleArn: 'arn:aws:iam::111122223333:role/Deploy', sessionName: 'clients-test', durationSeconds: 3600 },
      { region: 'us-east-1', endpoint: local.endpoint, source: users.source },
    );
  });
  after(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const identityOf = (arn: string | undefined): Identity => {
    if (arn === session.assumedRoleArn) return 'role';
    if (arn === users.alice.arn) return 'alice';
    if (arn === users.rc.arn) return 'rc';
    return 'error';
  };

  for (const [index, c] of cases.entries()) {
    const shellSkip = c.shell === 'vscode' && !existsSync(VSCODE_BASH_INTEGRATION) ? `VS Code's shell integration script is not installed (${VSCODE_BASH_INTEGRATION})` : false;
    it(c.name, { skip: shellSkip }, async () => {
      const home = join(dir, String(index));
      for (const [file, text] of Object.entries(c.files)) {
        mkdirSync(join(home, file, '..'), { recursive: true });
        writeFileSync(join(home, file), text);
      }
      mkdirSync(home, { recursive: true });
      // VS Code's environment. AWS_EC2_METADATA_DISABLED: a client that finds no credentials fails at once instead of asking 169.254.169.254.
      const start = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_ENDPOINT_URL_STS: local.endpoint, AWS_EC2_METADATA_DISABLED: 'true', ...c.start };
      const collection = fakeCollection();
      const environment = new SessionEnvironment(collection, start);
      environment.apply(session);
      const shell = c.shell === 'vscode' ? { initFile: VSCODE_BASH_INTEGRATION } : c.shell ? {} : undefined;
      const shellEnv = c.shell === 'vscode' ? { VSCODE_INJECTION: '1' } : {};
      const terminals = {
        ordinary: terminalProcessEnvironment({ ...start, ...shellEnv }, collection),
        session: terminalProcessEnvironment({ ...start, ...shellEnv }, collection, environment.terminalOptionsEnv),
      };
      const jobs = (['ordinary', 'session'] as const).flatMap((kind) => found.clients.map((client) => ({ kind, client })));
      // Where the extension's terminal removes nothing, both terminals are the same: each client runs once (they take seconds).
      const same = JSON.stringify(terminals.ordinary) === JSON.stringify(terminals.session);
      const distinct = jobs.filter((job) => !same || job.kind === 'ordinary');
      const results = await pool(distinct.map(({ kind, client }) => () => run(client.argv(local.endpoint), terminals[kind], shell)));
      const runs = jobs.map((job) => results[distinct.findIndex((d) => d.client === job.client && (same || d.kind === job.kind))]);
      const got = { ordinary: {} as Record<string, string>, session: {} as Record<string, string> };
      jobs.forEach(({ kind, client }, i) => {
        const r = runs[i]!;
        got[kind][client.name] = identityOf(r.arn) + (identityOf(r.arn) === 'error' ? `: ${r.arn ?? r.error}` : '');
      });
      const want = (expected: Expected) => Object.fromEntries(found.clients.map((client: RealClient) => [client.name, expected[client.name]]));
      const strip = (g: Record<string, string>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.replace(/:.*/s, '')]));
      assert.deepEqual({ ordinary: strip(got.ordinary), session: strip(got.session) }, { ordinary: want(c.ordinary), session: want(c.session) }, JSON.stringify(got, null, 1));
      // Where an ordinary terminal misleads a client and VS Code's environment shows why, the caveat names that client.
      if (!c.shell) {
        const caveated = new Set(environment.caveats.flatMap((caveat) => caveat.clients));
        for (const client of found.clients) {
          if (caveated.has(client.name)) assert.notEqual(c.ordinary[client.name], 'role', `${client.name} is named in a caveat but gets the role`);
        }
      }
    });
  }

  it('uses the clients the issue names', () => {
    assert.deepEqual(
      found.clients.map((c) => c.name),
      ['AWS CLI', 'boto3', 'JS SDK v3'],
    );
    assert.match(found.clients[0]!.version, /^aws-cli\/2\./);
  });
});

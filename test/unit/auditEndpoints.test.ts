import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAudit, type AuditRequest } from '../../src/session/audit';
import { AUDITOR, ORG, organizationFixture } from '../local-aws/audit';
import { startLocalAws, type LocalAws } from '../local-aws/server';

// Issue 16's leftovers §3 and §4: src/session/audit.ts sends STS, IAM and Organizations calls each
// to its own endpoint (the view's iamTrust.sts/iam/organizations.endpoint settings), and names
// static credentials (the window's role session) with the words it is given. Three forwarding
// proxies in front of one local endpoint record which service's calls reached each.

interface Proxy {
  endpoint: string;
  /** The service each call that came through was signed for (its SigV4 credential scope). */
  services: string[];
  close(): Promise<void>;
}

/** Forwards every request to `target` unchanged (the Host header too: it is signed) and notes its service. */
async function proxyTo(target: string): Promise<Proxy> {
  const services: string[] = [];
  const { port } = new URL(target);
  const server: Server = createServer((req, res) => {
    services.push(/Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '?');
    const out = request({ host: '127.0.0.1', port: Number(port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function withProxies<T>(body: (local: LocalAws, proxies: { sts: Proxy; iam: Proxy; organizations: Proxy }) => Promise<T>): Promise<T> {
  const local = await startLocalAws(organizationFixture());
  const [sts, iam, organizations] = await Promise.all([proxyTo(local.endpoint), proxyTo(local.endpoint), proxyTo(local.endpoint)]);
  try {
    return await body(local, { sts: sts!, iam: iam!, organizations: organizations! });
  } finally {
    await Promise.all([sts!.close(), iam!.close(), organizations!.close()]);
    await local.close();
  }
}

/** Runs dist/cli.js in `cwd` with exactly `env`, without blocking this process (the proxies answer from it). */
function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const auditorKeys = { accessKeyId: AUDITOR.accessKeyId, secretAccessKey: AUDITOR.secretAccessKey };
const base: Omit<AuditRequest, 'sources'> = { organization: true, assumeRoleName: 'OrganizationAccountAccessRole', region: 'us-east-1', maxAttempts: 1, timeoutMs: 5000 };
const only = (services: string[]) => [...new Set(services)].sort();

describe('audit: an endpoint per service', () => {
  it('sends STS, IAM and Organizations calls each to its own endpoint, the assumed accounts\' calls too', async () => {
    await withProxies(async (_local, p) => {
      const data = await readAudit({ ...base, sources: [auditorKeys], endpoints: { sts: p.sts.endpoint, iam: p.iam.endpoint, organizations: p.organizations.endpoint } });
      assert.deepEqual(data.accounts.map((a) => a.account).sort(), [ORG.management, ORG.production, ORG.tools]);
      assert.deepEqual(only(p.sts.services), ['sts']);
      assert.deepEqual(only(p.iam.services), ['iam']);
      assert.deepEqual(only(p.organizations.services), ['organizations']);
      // GetCallerIdentity, then AssumeRole into Production, Tools, Sandbox and Legacy.
      assert.equal(p.sts.services.length, 5);
    });
  });

  it('leaves a service without an endpoint to the SDK (AWS_ENDPOINT_URL_<SERVICE>), as the CLI documents', async () => {
    await withProxies(async (_local, p) => {
      const dir = mkdtempSync(join(tmpdir(), 'trust-policy-audit-endpoints-'));
      try {
        const run = await runCli(dir, ['audit', '--organization', '--format', 'json', '--fail-on', 'none'], {
              PATH: process.env.PATH ?? '',
              HOME: dir,
              AWS_REGION: 'us-east-1',
              AWS_CONFIG_FILE: join(dir, 'none'),
              AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
              AWS_EC2_METADATA_DISABLED: 'true',
              AWS_ACCESS_KEY_ID: AUDITOR.accessKeyId,
              AWS_SECRET_ACCESS_KEY: AUDITOR.secretAccessKey,
              AWS_ENDPOINT_URL_STS: p.sts.endpoint,
              AWS_ENDPOINT_URL_IAM: p.iam.endpoint,
              AWS_ENDPOINT_URL_ORGANIZATIONS: p.organizations.endpoint,
            });
        assert.equal(run.status, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as { accounts: unknown[] }).accounts.length, 3);
        assert.deepEqual(only(p.sts.services), ['sts']);
        assert.deepEqual(only(p.iam.services), ['iam']);
        assert.deepEqual(only(p.organizations.services), ['organizations']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('audit: the endpoints a profile configures', () => {
  it("sends each service's calls where the profile's services section says, Organizations too (as the AWS CLI does)", async () => {
    await withProxies(async (_local, p) => {
      const dir = mkdtempSync(join(tmpdir(), 'trust-policy-audit-services-'));
      try {
        writeFileSync(
          join(dir, 'config'),
          `[profile auditor]\nregion = us-east-1\nservices = local\n\n[services local]\nsts =\n  endpoint_url = ${p.sts.endpoint}\niam =\n  endpoint_url = ${p.iam.endpoint}\norganizations =\n  endpoint_url = ${p.organizations.endpoint}\n`,
        );
        writeFileSync(join(dir, 'credentials'), `[auditor]\naws_access_key_id = ${AUDITOR.accessKeyId}\naws_secret_access_key = ${AUDITOR.secretAccessKey}\n`);
        const run = await runCli(dir, ['audit', '--organization', '--profile', 'auditor', '--format', 'json', '--fail-on', 'none'], { PATH: process.env.PATH ?? '', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
        assert.equal(run.status, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as { accounts: unknown[] }).accounts.length, 3);
        assert.deepEqual(only(p.sts.services), ['sts']);
        assert.deepEqual(only(p.iam.services), ['iam']);
        assert.deepEqual(only(p.organizations.services), ['organizations'], 'ListAccounts went to the profile\'s Organizations endpoint');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('audit: static credentials are named as given', () => {
  it('names the window\'s role session in "via" and in the problems, never "the default credentials"', async () => {
    await withProxies(async (local) => {
      const name = `the window's role session arn:aws:sts::${ORG.management}:assumed-role/Ops/alice`;
      const data = await readAudit({ ...base, organization: false, sources: [{ ...auditorKeys, name }], endpoints: { sts: local.endpoint, iam: local.endpoint } });
      assert.deepEqual(data.accounts.map((a) => [a.account, a.via]), [[ORG.management, name]]);
      const refused = await readAudit({ ...base, sources: [{ accessKeyId: 'AKIAUNKNOWN000000001', secretAccessKey: 'x', name }], endpoints: { sts: local.endpoint, iam: local.endpoint } });
      assert.equal(refused.accounts.length, 0);
      assert.equal(refused.problems.length, 1);
      assert.ok(refused.problems[0]!.message.startsWith(`${name}: `), refused.problems[0]!.message);
      assert.doesNotMatch(refused.problems[0]!.message, /default credentials/);
    });
  });

  it('says "the credentials given" for static credentials without a name', async () => {
    await withProxies(async (local) => {
      const data = await readAudit({ ...base, organization: false, sources: [auditorKeys], endpoints: { sts: local.endpoint, iam: local.endpoint } });
      assert.equal(data.accounts[0]?.via, 'the credentials given');
    });
  });
});

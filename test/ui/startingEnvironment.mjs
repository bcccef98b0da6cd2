// A test VS Code of its own for one starting environment (issue 12, section 1): code-server
// started with exactly the AWS variables given (none of the harness's), its own HOME with the
// ~/.aws files and ~/.bashrc given, its own local STS endpoint, and the extension the run
// installed. Everything lives under the UI run's folder, so the run's final secret scan covers
// it; the endpoint's keys (MFA sessions included) and the windows' endpoint tokens the tests learn
// are handed to that scan.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openWorkbench, RUN_SUBDIRS, startCodeServer } from '../harness/codeServer.mjs';
import { runFromPalette, statusBarItem, typeInTerminal, waitFor } from './page.mjs';

export const ALICE = { arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' };
export const ALICE_MFA = 'arn:aws:iam::444455556666:mfa/alice';
export const ROLE_ARN = 'arn:aws:iam::111122223333:role/Deploy';
/** What GetCallerIdentity answers for the session and for alice herself. */
export const ROLE = /^arn:aws:sts::111122223333:assumed-role\/Deploy\//;
export const ALICE_ARN = /^arn:aws:iam::444455556666:user\/alice$/;

const widget = (page) => page.locator('.quick-input-widget');

/**
 * The three real clients, run one after the other in a terminal by `clients.sh OUT ENDPOINT`:
 * each prints `NAME=<ARN or failed: message>` on one line, to the terminal and to OUT (read by
 * the test, whatever the renderer shows). The first line says how the terminal got credentials
 * (variable names only, never a value). Debian's AWS CLI v2 and boto3 by path (a machine may
 * have others first on its PATH); they read no AWS_ENDPOINT_URL_STS, so the endpoint is given.
 */
function writeClientScripts(dir, root) {
  const sdk = JSON.stringify(join(root, 'node_modules', '@aws-sdk', 'client-sts'));
  writeFileSync(
    join(dir, 'js-sdk.js'),
    `const s = require(${sdk});
new s.STSClient({ region: 'us-east-1', endpoint: process.argv[2] }).send(new s.GetCallerIdentityCommand({}))
  .then((r) => console.log(r.Arn), (e) => console.log('failed: ' + e.name + ': ' + String(e.message).split('\\n')[0]));
`,
  );
  writeFileSync(
    join(dir, 'sts_boto3.py'),
    `import sys, boto3
try:
    print(boto3.client('sts', region_name='us-east-1', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])
except Exception as e:
    print('failed: ' + type(e).__name__ + ': ' + ' '.join(str(e).split()))
`,
  );
  // The three at once (a refused one retries for seconds), printed in a fixed order.
  writeFileSync(
    join(dir, 'clients.sh'),
    `out=$1; ep=$2
line() { printf '%s\\n' "$1" | tee -a "$out"; }
line "VIA=\${AWS_CONTAINER_CREDENTIALS_FULL_URI:+endpoint}\${AWS_ACCESS_KEY_ID:+keys} AWS_PROFILE=\${AWS_PROFILE-(unset)}"
/usr/bin/aws sts get-caller-identity --endpoint-url "$ep" --region us-east-1 --query Arn --output text > "$out.cli" 2>&1 &
/usr/bin/python3 ${join(dir, 'sts_boto3.py')} "$ep" > "$out.boto3" 2>/dev/null &
node ${join(dir, 'js-sdk.js')} "$ep" > "$out.jssdk" 2>/dev/null &
wait
line "CLI=$(tr -s '\\n' ' ' < "$out.cli" | sed 's/ $//')"
line "BOTO3=$(cat "$out.boto3")"
line "JSSDK=$(cat "$out.jssdk")"
`,
  );
  // A program calling GetCallerIdentity every 2 seconds with ONE boto3 client, as a dev server
  // or a deploy would: it must follow a refresh and stop after Clear Session.
  writeFileSync(
    join(dir, 'loop.py'),
    `import sys, time, boto3
c = boto3.client('sts', region_name='us-east-1', endpoint_url=sys.argv[1])
while True:
    try:
        print('ok', c.get_caller_identity()['UserId'], flush=True)
    except Exception as e:
        print('error', ' '.join(str(e).split()), flush=True)
    time.sleep(2)
`,
  );
}

export { openTerminal, typeInTerminal } from './page.mjs';

/** The lines of a file written by a terminal (none yet: []). */
export function fileLines(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/**
 * The session's Assume Role, as a person answers it: the Deploy role by ARN, alice's profile,
 * the default session name, an hour, no external ID, and the MFA code when one is asked.
 */
export async function assumeDeploy(page, { mfaCode } = {}) {
  const placeholder = (text) => page.locator(`.quick-input-widget input[placeholder^="${text}"]`);
  const prompt = (text) => widget(page).locator('.quick-input-message', { hasText: text });
  const answer = async (ready, value) => {
    await ready.waitFor({ state: 'visible', timeout: 30_000 });
    if (value !== undefined) await widget(page).locator('input').fill(value);
    await page.keyboard.press('Enter');
  };
  await runFromPalette(page, 'IAM: Assume Role…');
  await placeholder('A recent role').waitFor({ state: 'visible' });
  await widget(page).locator('input').fill(ROLE_ARN);
  await answer(widget(page).locator('.quick-input-list .monaco-list-row', { hasText: `Use ${ROLE_ARN}` }));
  await placeholder('Which credentials').waitFor({ state: 'visible' });
  await widget(page).locator('input').fill('alice');
  await answer(widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'alice' }).first());
  await answer(prompt('Session name'));
  await answer(prompt('Seconds'), '3600');
  await answer(prompt('External ID'), '');
  // The MFA code's box (its prompt gives way to "Enter the 6-digit code…" while it is empty).
  if (mfaCode) await answer(placeholder('123456'), mfaCode);
  await answer(placeholder('Press Enter to assume the role'));
  await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Picks an action of the status-bar session menu (Refresh, Clear Session, …). */
export async function sessionMenu(page, action) {
  await statusBarItem(page, 'Deploy ·').click();
  const input = widget(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(action);
  await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: action }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** The status-bar item's hover, as a person sees it when pointing at it. */
export async function statusBarTooltip(page) {
  await statusBarItem(page, 'Deploy ·').hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Role session' }).first();
  await hover.waitFor({ state: 'visible', timeout: 10_000 });
  return (await hover.innerText()).replace(/\s+/g, ' ');
}

/**
 * Runs `body` against a test VS Code started in a starting environment of its own.
 * @param {object} ctx  the UI run's test context (root, runDir, addSecrets)
 * @param {{ name: string, env?: Record<string,string>, home?: Record<string,string>, settings?: object,
 *           users?: object[], roles?: object[] }} spec  env: the AWS variables code-server starts with
 *   (all others removed); home: files under its HOME
 * @param {(w: { page, local, dir, home, out: (name: string) => string, shot: (name: string) => Promise<string>,
 *           learnToken: () => Promise<string> }) => Promise<void>} body
 */
export async function inStartingEnvironment(ctx, spec, body) {
  const { root, runDir } = ctx;
  const dir = join(runDir, `env-${spec.name}`);
  for (const sub of [...RUN_SUBDIRS, 'browser', 'clients']) mkdirSync(join(dir, sub), { recursive: true });
  // The extension the run installed with code-server --install-extension, moved with its index.
  cpSync(join(runDir, 'extensions'), join(dir, 'extensions'), { recursive: true });
  const index = join(dir, 'extensions', 'extensions.json');
  if (existsSync(index)) writeFileSync(index, readFileSync(index, 'utf8').split(join(runDir, 'extensions')).join(join(dir, 'extensions')));
  const home = join(dir, 'home');
  for (const [path, text] of Object.entries(spec.home ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  const clients = join(dir, 'clients');
  writeClientScripts(clients, root);

  // Terminals post the window's endpoint token here (the typed line names only the variable):
  // the test learns it without it ever being printed or written.
  const tokens = [];
  const collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (body) tokens.push(body);
      res.end('ok');
    });
  });
  await new Promise((r) => collector.listen(0, '127.0.0.1', r));

  const { startLocalAws, trustPolicy } = createRequire(import.meta.url)(join(root, 'out', 'test', 'local-aws.js'));
  const local = await startLocalAws({
    users: spec.users ?? [ALICE],
    roles: spec.roles ?? [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) }],
  });
  // code-server starts with no AWS variable of the harness's (AWS_CA_BUNDLE included), only the spec's.
  const env = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('AWS_')).map((k) => [k, undefined]));
  let server;
  let workbench;
  let page;
  const shot = async (name) => {
    const file = join(root, 'test-results', `ui-env-${spec.name}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  try {
    server = await startCodeServer({
      runDir: dir,
      folder: join(root, 'examples'),
      settings: {
        'iamTrust.sts.endpoint': local.endpoint,
        'iamTrust.iam.endpoint': local.endpoint,
        // Sessions go through the secret storage too, so that the scan sees what it keeps.
        'iamTrust.session.restoreOnReload': true,
        ...spec.settings,
      },
      env: { ...env, ...spec.env },
    });
    workbench = await openWorkbench({ runDir: dir, server });
    page = workbench.page;
    await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible', timeout: 60_000 });
    await body({
      page,
      local,
      dir,
      home,
      shot,
      out: (name) => join(clients, `${name}.out`),
      run: (name) => `bash ${join(clients, 'clients.sh')} ${join(clients, `${name}.out`)} ${local.endpoint}`,
      loop: (name) => `/usr/bin/python3 ${join(clients, 'loop.py')} ${local.endpoint} | tee ${join(clients, `${name}.out`)}`,
      learnToken: async () => {
        const count = tokens.length;
        const port = collector.address().port;
        await typeInTerminal(page, `/usr/bin/python3 -c "import os,urllib.request as u;u.urlopen('http://127.0.0.1:${port}/',os.environ.get('AWS_CONTAINER_AUTHORIZATION_TOKEN','').encode())"`);
        await waitFor(async () => tokens.length > count, { message: 'the endpoint token from the terminal' });
        const token = tokens.at(-1);
        assert.ok(token.length >= 40, 'a terminal of this window has its endpoint token');
        ctx.addSecrets(token);
        return token;
      },
    });
  } catch (error) {
    if (page) console.log(`    screenshot: ${await shot('failed').catch(() => 'none')}`);
    throw error;
  } finally {
    await workbench?.close().catch(() => {});
    await server?.stop();
    await local.close();
    await new Promise((r) => collector.close(r));
    // The final scan looks for every key this endpoint issued, MFA sessions' included (learnToken
    // handed it the tokens).
    ctx.addSecrets(...local.issuedSecrets);
  }
}

/** Waits until the file of a clients.sh run has the three clients' lines, and returns them by name. */
export async function clientResults(file) {
  const result = await waitFor(
    async () => {
      const entries = fileLines(file).map((l) => /^([A-Z0-9]+)=(.*)$/.exec(l)).filter(Boolean);
      const byName = Object.fromEntries(entries.map((m) => [m[1], m[2].trim()]));
      return ['CLI', 'BOTO3', 'JSSDK'].every((n) => n in byName) ? byName : undefined;
    },
    { message: `the three clients' answers in ${file}`, timeout: 90_000 },
  );
  return result;
}

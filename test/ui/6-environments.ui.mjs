// Issue 12, section 1 and its "Done when", in real windows: the AWS CLI v2, boto3 and the JS SDK
// v3 in terminals of a test VS Code started in each starting environment — (a) nothing
// AWS-related, (b) AWS_PROFILE=alice inherited, (c) a [default] profile with static keys,
// (d) AWS_PROFILE exported by ~/.bashrc — each in a code-server of its own
// (startingEnvironment.mjs). In (a), the credential endpoint's promises: a running boto3 program
// follows a refresh and stops at its next call after Clear, a terminal opened before Clear fails
// its next `aws` call, and a wrong or missing endpoint token gets 403/401 with the session kept.
// Screenshots: test-results/ui-env-<environment>-<moment>.png.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statusBarItem, waitFor } from './page.mjs';
import {
  ALICE,
  ALICE_ARN,
  ALICE_MFA,
  assumeDeploy,
  clientResults,
  fileLines,
  inStartingEnvironment,
  openTerminal,
  ROLE,
  sessionMenu,
  statusBarTooltip,
  typeInTerminal,
} from './startingEnvironment.mjs';

const ALICE_PROFILE = `[alice]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`;
const ALICE_CONFIG = '[profile alice]\nregion = us-east-1\n';

/** Asserts each client's answer (and VIA, how the terminal got credentials): a RegExp it must match, by name. */
function expectClients(results, expected, where) {
  for (const [client, pattern] of Object.entries(expected)) assert.match(results[client], pattern, `${client} ${where}: ${results[client]}`);
}

/** Runs the three clients in the active terminal (the line prefixed with `prefix`) and returns their answers. */
async function clientsHere(w, name, prefix = '') {
  await typeInTerminal(w.page, `${prefix}${w.run(name)}`);
  return clientResults(w.out(name));
}

/** The same in a new terminal, opened with the palette command `opener`. */
async function clientsInNewTerminal(w, name, opener = 'IAM: Open Terminal in Session') {
  await openTerminal(w.page, opener);
  return clientsHere(w, name);
}

const allRole = { CLI: ROLE, BOTO3: ROLE, JSSDK: ROLE };

export const tests = [
  {
    name: 'starting environment (a) nothing AWS-related: every client gets the role from the endpoint; a boto3 program follows a refresh and stops after Clear; an older terminal\'s next aws call fails; a bad endpoint token is refused',
    async run(ctx) {
      await inStartingEnvironment(
        ctx,
        {
          name: 'a-nothing',
          home: { '.aws/credentials': ALICE_PROFILE, '.aws/config': ALICE_CONFIG },
          // One MFA code for a GetSessionToken session: its keys are among those the final scan looks for.
          settings: { 'iamTrust.session.mfaSession': 3600, 'iamTrust.session.mfaSerial': ALICE_MFA },
          users: [{ ...ALICE, mfaSerial: ALICE_MFA }],
        },
        async (w) => {
          const { page, local, shot, out, loop, learnToken } = w;
          await assumeDeploy(page, { mfaCode: '123456' });
          const count = (action) => local.calls.filter((c) => c.action === action).length;
          assert.equal(count('GetSessionToken'), 1, 'the MFA code went to GetSessionToken');

          const session = await clientsInNewTerminal(w, 'session');
          expectClients(session, { VIA: /^endpoint AWS_PROFILE=\(unset\)$/, ...allRole }, 'in a session terminal');
          await shot('clients');
          await learnToken();

          // A wrong and a missing token: each client reports the endpoint's refusal; nothing changes.
          const calls = local.calls.length;
          const wrong = await clientsHere(w, 'wrong-token', 'AWS_CONTAINER_AUTHORIZATION_TOKEN=not-this-windows-token ');
          const missing = await clientsHere(w, 'no-token', 'env -u AWS_CONTAINER_AUTHORIZATION_TOKEN ');
          await shot('bad-token');
          expectClients(wrong, { CLI: /\(403\).*InvalidAuthorizationToken/, BOTO3: /\(403\).*InvalidAuthorizationToken/, JSSDK: /^failed: / }, 'with a wrong token');
          expectClients(missing, { CLI: /\(401\).*MissingAuthorizationToken/, BOTO3: /\(401\).*MissingAuthorizationToken/, JSSDK: /^failed: / }, 'without a token');
          assert.equal(local.calls.length, calls, 'nothing reached STS');
          assert.match(await statusBarItem(page, 'Deploy ·').innerText(), /Deploy · (59m|1h 00m)/, 'the session is as it was');

          // A program calling GetCallerIdentity every 2 s with one boto3 client, in that terminal.
          await typeInTerminal(page, loop('loop'));
          const firstOk = await waitFor(() => fileLines(out('loop')).find((l) => l.startsWith('ok ')), { message: 'the loop\'s first call', timeout: 60_000 });
          // A terminal opened before Clear (an ordinary one: with nothing to remove, the same as a session terminal).
          expectClients(await clientsInNewTerminal(w, 'before-clear', 'Terminal: Create New Terminal'), allRole, 'in an ordinary terminal');

          const keyOf = () => local.calls.filter((c) => c.action === 'GetCallerIdentity').at(-1).accessKeyId;
          const keyBefore = keyOf();
          await sessionMenu(page, 'Refresh');
          const refreshedOk = await waitFor(() => fileLines(out('loop')).find((l) => l.startsWith('ok ') && l !== firstOk), { message: 'the loop\'s call with the refreshed session', timeout: 60_000 });
          assert.notEqual(keyOf(), keyBefore, 'the loop signs with the refreshed keys');
          assert.equal(count('GetSessionToken'), 1, 'the refresh needed no MFA code');
          assert.deepEqual(fileLines(out('loop')).filter((l) => !l.startsWith('ok ')), [], 'no call failed across the refresh');
          // One more call with the new keys, then Clear.
          await waitFor(() => fileLines(out('loop')).filter((l) => l === refreshedOk).length >= 2, { message: 'a second call after the refresh', timeout: 30_000 });

          await sessionMenu(page, 'Clear Session');
          await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible' });
          const cleared = fileLines(out('loop')).length;
          const failedAt = await waitFor(
            () => {
              const index = fileLines(out('loop')).findIndex((l, i) => i >= cleared && l.startsWith('error '));
              return index >= 0 ? index + 1 : undefined;
            },
            { message: 'the loop\'s first failure after Clear', timeout: 60_000 },
          );
          const after = fileLines(out('loop')).slice(cleared);
          // A call already on its way when Clear came may still succeed; the one after it fails.
          assert.ok(failedAt - 1 - cleared <= 1, `${failedAt - 1 - cleared} calls succeeded after Clear: ${JSON.stringify(after)}`);
          assert.match(after.find((l) => l.startsWith('error ')), /\(404\).*NoSession.*cleared/);

          // The terminal opened before Clear still has the endpoint's variables: its next call fails.
          const afterClear = await clientsHere(w, 'after-clear');
          await shot('after-clear');
          expectClients(afterClear, { CLI: /\(404\).*NoSession.*cleared/, BOTO3: /\(404\).*NoSession.*cleared/, JSSDK: /^failed: / }, 'after Clear in a terminal opened before');
          console.log(`    (a) session terminal: ${JSON.stringify(session)}\n    wrong token: ${JSON.stringify(wrong)}\n    no token: ${JSON.stringify(missing)}\n    after Clear: ${JSON.stringify(afterClear)}\n    loop after Clear: ${JSON.stringify(after.slice(0, 3))}`);
        },
      );
    },
  },
  {
    name: 'starting environment (b) AWS_PROFILE=alice inherited: every client gets the role in a session terminal; in an ordinary one the JS SDK takes alice, as the tooltip says',
    async run(ctx) {
      await inStartingEnvironment(
        ctx,
        { name: 'b-aws-profile', env: { AWS_PROFILE: 'alice' }, home: { '.aws/credentials': ALICE_PROFILE, '.aws/config': ALICE_CONFIG } },
        async (w) => {
          const { page, shot } = w;
          await assumeDeploy(page);
          const tooltip = await statusBarTooltip(page);
          await shot('tooltip');
          assert.match(tooltip, /AWS_PROFILE="alice" is set in VS Code's environment: the JS SDK v3 uses that profile/);
          assert.match(tooltip, /Terminals get the session's keys, not the refreshing endpoint: AWS_PROFILE is set/);

          const session = await clientsInNewTerminal(w, 'session');
          expectClients(session, { VIA: /^keys AWS_PROFILE=\(unset\)$/, ...allRole }, 'in a session terminal');
          await shot('clients');

          const ordinary = await clientsInNewTerminal(w, 'ordinary', 'Terminal: Create New Terminal');
          expectClients(ordinary, { VIA: /^keys AWS_PROFILE=alice$/, CLI: ROLE, BOTO3: ROLE, JSSDK: ALICE_ARN }, 'in an ordinary terminal');
          await shot('ordinary');
          console.log(`    (b) session terminal: ${JSON.stringify(session)}\n    ordinary terminal: ${JSON.stringify(ordinary)}`);
        },
      );
    },
  },
  {
    name: 'starting environment (c) a [default] profile with static keys: every client gets the role in a session terminal (keys, as the tooltip says)',
    async run(ctx) {
      await inStartingEnvironment(
        ctx,
        {
          name: 'c-default-keys',
          home: {
            '.aws/credentials': `[default]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n${ALICE_PROFILE}`,
            '.aws/config': `[default]\nregion = us-east-1\n${ALICE_CONFIG}`,
          },
        },
        async (w) => {
          const { page, shot } = w;
          await assumeDeploy(page);
          const tooltip = await statusBarTooltip(page);
          await shot('tooltip');
          assert.match(tooltip, /Terminals get the session's keys, not the refreshing endpoint: your \[default\] profile gives credentials/);

          const session = await clientsInNewTerminal(w, 'session');
          expectClients(session, { VIA: /^keys AWS_PROFILE=\(unset\)$/, ...allRole }, 'in a session terminal');
          await shot('clients');
          console.log(`    (c) session terminal: ${JSON.stringify(session)}`);
        },
      );
    },
  },
  {
    name: 'starting environment (d) AWS_PROFILE exported by ~/.bashrc: it wins over the endpoint in every client (not servable); the guarded export of docs/sessions.md gives every client the role',
    async run(ctx) {
      await inStartingEnvironment(
        ctx,
        { name: 'd-bashrc', home: { '.aws/credentials': ALICE_PROFILE, '.aws/config': ALICE_CONFIG, '.bashrc': 'export AWS_PROFILE=alice\n' } },
        async (w) => {
          const { page, home, shot, learnToken } = w;
          await assumeDeploy(page);
          const session = await clientsInNewTerminal(w, 'session');
          await shot('clients');
          await learnToken();
          // Measured: the rc file runs after VS Code set the endpoint's variables, and every client
          // reads the profile before container credentials. The extension cannot see it.
          expectClients(session, { VIA: /^endpoint AWS_PROFILE=alice$/, CLI: ALICE_ARN, BOTO3: ALICE_ARN, JSSDK: ALICE_ARN }, 'in a session terminal with AWS_PROFILE from ~/.bashrc');

          // The export docs/sessions.md recommends: only outside sessions.
          writeFileSync(join(home, '.bashrc'), '[ -n "$AWS_ACCESS_KEY_ID$AWS_CONTAINER_CREDENTIALS_FULL_URI" ] || export AWS_PROFILE=alice\n');
          const guarded = await clientsInNewTerminal(w, 'guarded');
          await shot('guarded');
          expectClients(guarded, { VIA: /^endpoint AWS_PROFILE=\(unset\)$/, ...allRole }, 'in a session terminal with the guarded export');
          console.log(`    (d) session terminal: ${JSON.stringify(session)}\n    guarded export: ${JSON.stringify(guarded)}`);
        },
      );
    },
  },
];

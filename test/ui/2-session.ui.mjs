// Role sessions as a person uses them: the Assume Role quick input (back button included), the
// status bar through a session's life, its menu, terminals, expiry and refresh.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openTerminal, runFromPalette, statusBarItem, terminalText, typeInTerminal, waitFor } from './page.mjs';

const widget = (page) => page.locator('.quick-input-widget');

/** Waits for the quick pick whose placeholder starts with `placeholder`. */
async function onPick(page, placeholder) {
  await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor({ state: 'visible' });
}

/** Waits for the input box whose prompt contains `prompt`. */
async function onInput(page, prompt) {
  await widget(page).locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'visible' });
}

async function typeAndPick(page, text, row) {
  await widget(page).locator('input').fill(text);
  await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

async function enter(page, value) {
  if (value !== undefined) await widget(page).locator('input').fill(value);
  await page.keyboard.press('Enter');
}

/** Opens a terminal (with `opener`, a palette command) and returns what `command` printed after `marker=`. */
async function runInNewTerminal(page, command, marker, opener = 'Terminal: Create New Terminal') {
  return (await runAllInNewTerminal(page, [command], [marker], opener))[marker];
}

/** Opens one terminal, runs the commands one after the other, and returns what each printed after its `marker=`. */
async function runAllInNewTerminal(page, commands, markers, opener = 'Terminal: Create New Terminal') {
  await openTerminal(page, opener);
  await typeInTerminal(page, commands.join('; '));
  const patterns = markers.map((m) => new RegExp(`${m}=(\\S+)`));
  const text = await waitFor(
    async () => {
      const t = await terminalText(page);
      return patterns.every((p) => p.test(t)) ? t : undefined;
    },
    { message: `${markers.join('=, ')}= in the terminal`, timeout: 60_000 },
  );
  return Object.fromEntries(markers.map((m, i) => [m, patterns[i].exec(text)[1]]));
}

async function clearNotifications(page) {
  await runFromPalette(page, 'Notifications: Clear All Notifications');
}

export const tests = [
  {
    name: '"IAM: Assume Role…": a typed ARN, back to the source and forth, the summary; the AWS CLI, boto3 and the JS SDK get the role in terminals despite AWS_PROFILE',
    async run({ page, screenshot, localAws, root }) {
      await runFromPalette(page, 'IAM: Assume Role…');
      await onPick(page, 'A recent role');
      // A mistyped ARN is answered at once with what is wrong with it.
      await widget(page).locator('input').fill('arn:aws:iam::11112222333:role/Deploy');
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'account IDs have exactly 12 digits' }).waitFor({ state: 'visible' });
      // Enter does not take it: the question stays, with the text as typed.
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      assert.equal(await widget(page).locator('input').inputValue(), 'arn:aws:iam::11112222333:role/Deploy');
      assert.match(await widget(page).locator('.quick-input-title').innerText(), /\(1\//);
      await typeAndPick(page, 'arn:aws:iam::111122223333:role/Deploy', 'Use arn:aws:iam::111122223333:role/Deploy');

      await onPick(page, 'Which credentials call sts:AssumeRole?');
      await typeAndPick(page, 'alice', 'alice');
      await onInput(page, 'Session name');
      assert.match(await widget(page).locator('.quick-input-title').innerText(), /Assume Role: Deploy.*3\/6/);
      // Back: the source question again, with alice still chosen.
      await widget(page).locator('.codicon-quick-input-back').click();
      await onPick(page, 'Which credentials call sts:AssumeRole?');
      await widget(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: 'alice' }).waitFor({ state: 'visible' });
      await enter(page);
      await onInput(page, 'Session name');
      await enter(page);
      // alice's account cannot GetRole a role of another account: the prompt says so, STS will check.
      await onInput(page, 'maximum is unknown');
      await enter(page, '3600');
      await onInput(page, 'External ID');
      await enter(page, 'vendor-42');
      await onPick(page, 'Press Enter to assume the role');
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'Assume Deploy' }).waitFor({ state: 'visible' });
      await screenshot('session-confirm');
      await enter(page);

      const item = statusBarItem(page, 'Deploy ·');
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await item.innerText(), /Deploy · (59m|1h 00m)/);
      await screenshot('session-status');

      // The real clients, in terminals whose environment still says AWS_PROFILE=alice (the test
      // VS Code was started with it, as a user's shell often has it). The markers are joined at
      // run time, so that the echoed command line cannot match them.
      const sdk = JSON.stringify(join(root, 'node_modules', '@aws-sdk', 'client-sts'));
      const jsSdk = `node -e "${`const s=require(${sdk});new s.STSClient({region:'us-east-1',endpoint:'${localAws.endpoint}'}).send(new s.GetCallerIdentityCommand({})).then(r=>console.log(['CALLER',r.Arn].join('=')),e=>console.log(['CALLER','failed:'+e.name].join('=')))`.replace(/"/g, '\\"')}" 2>/dev/null`;
      // Debian's AWS CLI v2 (2.9) and boto3, by path (a machine may have other ones first on its
      // PATH, e.g. pyenv's); they read no AWS_ENDPOINT_URL_STS, so the endpoint is given.
      const cli = `echo "CL""I=$(/usr/bin/aws sts get-caller-identity --endpoint-url ${localAws.endpoint} --query Arn --output text 2>&1 | tail -n 1)"`;
      const boto3 = `/usr/bin/python3 -c "import boto3;print('BOTO'+'3='+boto3.client('sts',region_name='us-east-1',endpoint_url='${localAws.endpoint}').get_caller_identity()['Arn'])" 2>&1 | tail -n 1`;
      const role = /^arn:aws:sts::111122223333:assumed-role\/Deploy\//;
      // An ordinary terminal: the session's keys beat the inherited profile for the CLI and boto3.
      const plain = await runAllInNewTerminal(page, [cli, boto3], ['CLI', 'BOTO3']);
      assert.match(plain.CLI, role, 'AWS CLI in a new terminal');
      assert.match(plain.BOTO3, role, 'boto3 in a new terminal');
      // "Open Terminal in Session" also removes the inherited AWS_PROFILE, which the JS SDK would
      // prefer to the keys: there every client gets the role (docs/sessions.md).
      const own = await runAllInNewTerminal(page, [jsSdk, cli, boto3], ['CALLER', 'CLI', 'BOTO3'], 'IAM: Open Terminal in Session');
      assert.match(own.CALLER, role, 'JS SDK in the session terminal');
      assert.match(own.CLI, role, 'AWS CLI in the session terminal');
      assert.match(own.BOTO3, role, 'boto3 in the session terminal');
      await screenshot('session-terminal');
    },
  },
  {
    name: 'the status-bar menu: Who Am I answers with the session\'s identity',
    async run({ page, screenshot }) {
      await statusBarItem(page, 'Deploy ·').click();
      await onPick(page, 'arn:aws:sts::111122223333:assumed-role/Deploy/');
      for (const action of ['Refresh', 'Open Terminal in Session', 'Copy Credentials As…', 'Who Am I', 'Clear Session']) {
        await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: action }).first().waitFor({ state: 'visible' });
      }
      await screenshot('session-menu');
      await typeAndPick(page, 'Who Am I', 'Who Am I');
      await page.locator('.notification-toast', { hasText: 'The role session is arn:aws:sts::111122223333:assumed-role/Deploy/' }).waitFor({ state: 'visible' });
      await clearNotifications(page);
    },
  },
  {
    name: '"List roles in an account…", then a 30-second session: warning, expiry (a new terminal gets nothing), refresh, clear',
    async run({ page, screenshot }) {
      // VS Code shows three toasts at most: start with none, so that the expiry notice shows.
      await clearNotifications(page);
      await runFromPalette(page, 'IAM: Assume Role…');
      await onPick(page, 'A recent role');
      // The role assumed before is offered first.
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'arn:aws:iam::111122223333:role/Deploy' }).first().waitFor({ state: 'visible' });
      await typeAndPick(page, 'List roles', 'List roles in an account…');
      await onPick(page, 'Whose credentials list the roles');
      await typeAndPick(page, 'ops', 'ops');
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'issues 30-second sessions' }).waitFor({ state: 'visible' });
      await screenshot('session-list-roles');
      await typeAndPick(page, 'Short', 'ShortLived');
      await onInput(page, 'Session name');
      await enter(page);
      // ListRoles told the role's maximum: the duration is checked against it while typing.
      await onInput(page, 'the role allows 2 h');
      await widget(page).locator('input').fill('9000');
      await widget(page).locator('.quick-input-message', { hasText: "the role's MaxSessionDuration" }).waitFor({ state: 'visible' });
      await enter(page, '3600');
      await onInput(page, 'External ID');
      await enter(page, '');
      await onPick(page, 'Press Enter to assume the role');
      await enter(page);

      const item = statusBarItem(page, 'ShortLived ·');
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      // Seconds in the last two minutes, and the offer to refresh before it ends.
      assert.match(await item.innerText(), /ShortLived · \d+s/);
      await page.locator('.notification-toast', { hasText: 'The role session ShortLived expires in' }).waitFor({ state: 'visible' });
      await screenshot('session-expiring');
      await clearNotifications(page);

      await statusBarItem(page, 'ShortLived · expired').waitFor({ state: 'visible', timeout: 45_000 });
      await screenshot('session-expired');
      // The quotes split the marker, so that the echoed command line cannot match it.
      assert.equal(await runInNewTerminal(page, 'echo "tok""en=${AWS_SESSION_TOKEN:-none}"', 'token'), 'none');

      await statusBarItem(page, 'ShortLived · expired').click();
      await onPick(page, 'arn:aws:sts::111122223333:assumed-role/ShortLived/');
      await typeAndPick(page, 'Refresh', 'Refresh');
      await waitFor(async () => /ShortLived · \d+s/.test(await statusBarItem(page, 'ShortLived ·').innerText()), { message: 'the refreshed session' });
      await clearNotifications(page);

      await statusBarItem(page, 'ShortLived ·').click();
      await onPick(page, 'arn:aws:sts::111122223333:assumed-role/ShortLived/');
      await typeAndPick(page, 'Clear Session', 'Clear Session');
      await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible' });
    },
  },
];

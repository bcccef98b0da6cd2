// Live roles as a person uses them: a role's trust policy opened from IAM, edited, saved to
// AWS — and the saves that must not happen without a word: IAM errors, security findings,
// and a policy that changed in AWS meanwhile.
import assert from 'node:assert/strict';
import { activeEditorText, runFromPalette, statusBarItem, waitFor } from './page.mjs';

const widget = (page) => page.locator('.quick-input-widget');
const dialog = (page) => page.locator('.monaco-dialog-box');

async function pick(page, placeholder, text, row) {
  await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor({ state: 'visible' });
  if (text !== undefined) await widget(page).locator('input').fill(text);
  if (row) await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

async function answer(page, prompt) {
  await widget(page).locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Replaces the whole text of the active editor by typing (auto-closing is off in the UI runs). */
async function typePolicy(page, policy) {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(JSON.stringify(policy));
}

const lambda = (extra = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333', ...extra } } }],
});

/** Closes every editor, discarding the scratch documents of earlier runs (the New Trust Policy one). */
async function closeAllEditors(page) {
  await runFromPalette(page, 'View: Close All Editors');
  const dontSave = dialog(page).getByRole('button', { name: "Don't Save" });
  while (await dontSave.isVisible({ timeout: 1000 }).catch(() => false)) {
    await dontSave.click();
    await page.waitForTimeout(200);
  }
}

async function openApp(page) {
  await runFromPalette(page, 'IAM: Open Role Trust Policy…');
  await pick(page, 'Loading roles', 'App', 'a Lambda function role');
  await page.locator('.tab', { hasText: 'trust-policy.json' }).first().waitFor({ state: 'visible' });
  return waitFor(async () => {
    const text = await activeEditorText(page);
    return text.includes('lambda.amazonaws.com') ? text : undefined;
  }, { message: 'the role\'s trust policy in the editor' });
}

export const tests = [
  {
    name: 'a recent role comes back with its answers: Deploy again in four Enters',
    async run({ page }) {
      await runFromPalette(page, 'IAM: Assume Role…');
      await pick(page, 'A recent role', 'Deploy', 'arn:aws:iam::111122223333:role/Deploy');
      await answer(page, 'Session name');
      await answer(page, 'Seconds');
      // The remembered external ID is filled in.
      await widget(page).locator('.quick-input-message', { hasText: 'External ID' }).waitFor({ state: 'visible' });
      assert.equal(await widget(page).locator('input').inputValue(), 'vendor-42');
      await page.keyboard.press('Enter');
      await pick(page, 'Press Enter to assume the role');
      await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: '"IAM: Open Role Trust Policy…": open, a save IAM would reject stays unsaved, a security finding asks first, then saved to AWS',
    async run({ page, screenshot, localAws }) {
      const app = () => JSON.parse(localAws.roles.find((r) => r.name === 'App').trustPolicy);
      const text = await openApp(page);
      assert.match(text, /"aws:SourceAccount": "111122223333"/);
      // The code lens above the statement says whom it trusts.
      await page.locator('.codelens-decoration', { hasText: "Trusts lambda.amazonaws.com, if aws:SourceAccount = '111122223333'" }).waitFor({ state: 'visible' });
      await screenshot('role-open');

      // IAM would reject it: the save fails, the editor stays dirty, AWS is unchanged.
      await typePolicy(page, { ...lambda(), Statement: [{ ...lambda().Statement[0], Effect: 'allow' }] });
      await page.keyboard.press('Control+S');
      await page.locator('.notification-toast', { hasText: 'IAM would reject this policy' }).waitFor({ state: 'visible' });
      await page.locator('.tab.dirty', { hasText: 'trust-policy.json' }).waitFor({ state: 'visible' });
      assert.equal(app().Statement[0].Effect, 'Allow');
      await runFromPalette(page, 'Notifications: Clear All Notifications');

      // Anyone may assume it: the save asks first; Cancel keeps it unsaved.
      await typePolicy(page, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });
      await page.keyboard.press('Control+S');
      await dialog(page).locator('text=security finding').waitFor({ state: 'visible' });
      assert.match(await dialog(page).innerText(), /public-principal/);
      await screenshot('role-security-confirm');
      await dialog(page).getByRole('button', { name: 'Cancel' }).click();
      await page.locator('.tab.dirty', { hasText: 'trust-policy.json' }).waitFor({ state: 'visible' });
      assert.deepEqual(app().Statement[0].Principal, { Service: 'lambda.amazonaws.com' });
      await runFromPalette(page, 'Notifications: Clear All Notifications');

      // A safe edit saves without a question.
      await typePolicy(page, lambda({ 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:111122223333:function:app' }));
      await page.keyboard.press('Control+S');
      await waitFor(async () => app().Statement[0].Condition.StringEquals['aws:SourceArn'] === 'arn:aws:lambda:eu-west-1:111122223333:function:app', { message: 'the policy saved in AWS' });
      await page.locator('.tab.dirty', { hasText: 'trust-policy.json' }).waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'a policy changed in AWS since it was opened: the diff, then Overwrite; reopened, it shows what AWS has',
    async run({ page, screenshot, localAws }) {
      const role = localAws.roles.find((r) => r.name === 'App');
      // Someone else changes the role in AWS while the editor is open.
      role.trustPolicy = JSON.stringify(lambda({ 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:111122223333:function:other' }));
      await typePolicy(page, lambda({ 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:111122223333:function:mine' }));
      await page.keyboard.press('Control+S');
      await dialog(page).locator('text=changed in AWS since you opened it').waitFor({ state: 'visible' });
      await page.locator('.tab', { hasText: 'in AWS now ↔ yours' }).waitFor({ state: 'visible' });
      await screenshot('role-conflict');
      await dialog(page).getByRole('button', { name: 'Overwrite' }).click();
      await waitFor(async () => role.trustPolicy.includes('function:mine'), { message: 'the overwrite in AWS' });

      await closeAllEditors(page);
      const reopened = await openApp(page);
      assert.match(reopened, /function:mine/);
      await closeAllEditors(page);
    },
  },
  {
    name: 'Assume Role refused (a wrong ExternalId): Explain names the condition that refused it',
    async run({ page, screenshot }) {
      await runFromPalette(page, 'IAM: Assume Role…');
      await pick(page, 'A recent role', 'Deploy', 'arn:aws:iam::111122223333:role/Deploy');
      await answer(page, 'Session name');
      await answer(page, 'Seconds');
      await widget(page).locator('.quick-input-message', { hasText: 'External ID' }).waitFor({ state: 'visible' });
      await widget(page).locator('input').fill('not-the-id');
      await page.keyboard.press('Enter');
      await pick(page, 'Press Enter to assume the role');
      const toast = page.locator('.notification-toast', { hasText: 'Not allowed to assume arn:aws:iam::111122223333:role/Deploy' });
      await toast.waitFor({ state: 'visible', timeout: 30_000 });
      await toast.getByRole('button', { name: 'Explain' }).click();
      await page.locator('.tab', { hasText: 'Why not Deploy' }).waitFor({ state: 'visible' });
      // The first lines say what refused it (long lines wrap on screen).
      await waitFor(async () => /What refused it:[\s\S]*sts:ExternalId is\s+'not-the-id';\s+StringEquals\s+expects\s+'vendor-42'/.test(await activeEditorText(page)), {
        message: 'the refused condition in the explanation',
      });
      await screenshot('role-explain-denied');
      // The session from before is untouched.
      await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible' });
      await closeAllEditors(page);
      await runFromPalette(page, 'Notifications: Clear All Notifications');
      await runFromPalette(page, 'IAM: Clear Role Session');
    },
  },
];

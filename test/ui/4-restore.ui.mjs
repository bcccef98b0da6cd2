// iamTrust.session.restoreOnReload: the session survives a window reload (kept in VS Code's
// secret storage only), and clearing it removes it from there. The run's final check then
// looks for the issued secrets in every file the browser and code-server wrote.
import assert from 'node:assert/strict';
import { runFromPalette, statusBarItem } from './page.mjs';

const widget = (page) => page.locator('.quick-input-widget');

export const tests = [
  {
    name: 'restoreOnReload: a reloaded window still has the session; Clear Session removes it for good',
    async run({ page, secretsOnDisk }) {
      // The run starts with iamTrust.session.restoreOnReload on (run-ui-tests.mjs).
      await runFromPalette(page, 'IAM: Assume Role…');
      const step = async (ready, value) => {
        await ready.waitFor({ state: 'visible' });
        if (value !== undefined) await widget(page).locator('input').fill(value);
        await page.keyboard.press('Enter');
      };
      const placeholder = (text) => page.locator(`.quick-input-widget input[placeholder^="${text}"]`);
      const prompt = (text) => widget(page).locator('.quick-input-message', { hasText: text });
      await placeholder('A recent role').waitFor({ state: 'visible' });
      await widget(page).locator('input').fill('arn:aws:iam::111122223333:role/Deploy');
      await step(widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'Use arn:aws:iam::111122223333:role/Deploy' }));
      await placeholder('Which credentials').waitFor({ state: 'visible' });
      await widget(page).locator('input').fill('alice');
      await step(widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'alice' }).first());
      await step(prompt('Session name'));
      await step(prompt('Seconds'), '3600');
      await step(prompt('External ID'), 'vendor-42');
      await step(placeholder('Press Enter to assume the role'));
      await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible', timeout: 30_000 });

      // Reloading the page is reloading the window: a new extension host, nothing in memory.
      await page.reload();
      await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible', timeout: 60_000 });
      // While it is kept for reloads, the session's secrets are in no file in plain text.
      assert.deepEqual(secretsOnDisk(), []);

      // Cleared from the status-bar menu (the keyboard may not have focus yet after a reload).
      await statusBarItem(page, 'Deploy ·').click();
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'Clear Session' }).click();
      await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible' });
      await page.reload();
      await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible', timeout: 60_000 });
    },
  },
];

// UI runs against the packaged extension installed in the test VS Code: what a person sees.
import assert from 'node:assert/strict';
import { activeEditorText, openTerminal, pickQuickItem, runFromPalette, statusBarItem, terminalText, typeInTerminal, waitFor } from './page.mjs';

export const tests = [
  {
    name: 'the installed VSIX activates and shows its status-bar item',
    async run({ page }) {
      await statusBarItem(page, 'IAM: no session').waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'clicking the status-bar item without a session starts Assume Role; Escape leaves it',
    async run({ page }) {
      await statusBarItem(page, 'IAM: no session').click();
      const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Assume Role' });
      await title.waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await title.waitFor({ state: 'hidden' });
    },
  },
  {
    name: '"IAM: New Trust Policy…" from the palette opens the picked template',
    async run({ page, screenshot }) {
      await runFromPalette(page, 'IAM: New Trust Policy…');
      await pickQuickItem(page, 'GitHub Actions (OIDC)', 'GitHub Actions (OIDC)');
      const text = await waitFor(
        async () => {
          const t = await activeEditorText(page);
          return t.includes('sts:AssumeRoleWithWebIdentity') ? t : undefined;
        },
        { message: 'the new policy in the editor' },
      );
      assert.match(text, /"token\.actions\.githubusercontent\.com:sub": "repo:OWNER\/REPO:ref:refs\/heads\/main"/);
      await screenshot('new-trust-policy');
    },
  },
  {
    name: 'a new terminal gets no AWS credentials from the extension while no session is active',
    async run({ page, screenshot }) {
      // openTerminal waits for the prompt before typing, or the shell echoes the line twice.
      await openTerminal(page, 'Terminal: Create New Terminal');
      await typeInTerminal(page, 'echo "token=${AWS_SESSION_TOKEN:-none} id=$((6*7))"');
      const text = await waitFor(
        async () => {
          const t = await terminalText(page);
          return /token=\S+ id=42/.test(t) ? t : undefined;
        },
        { message: 'the echoed line in the terminal' },
      );
      assert.match(text, /token=none id=42/);
      await screenshot('terminal');
    },
  },
];

tests.push(
  {
    name: 'a broken policy shows its problems as squiggles and in the Problems panel',
    async run({ page, screenshot }) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('grammar-mistakes.trust-policy.json');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'grammar-mistakes' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ state: 'visible', timeout: 20_000 });
      await runFromPalette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      const problems = page.locator('.markers-panel .monaco-list-row');
      await waitFor(async () => (await problems.count()) >= 5, { message: 'five problems listed' });
      const text = (await problems.allInnerTexts()).join('\n');
      for (const code of ['effect-invalid', 'not-principal-unsupported', 'action-invalid', 'resource-not-allowed', 'sid-invalid']) {
        assert.ok(text.includes(code), `${code} in the Problems panel:\n${text}`);
      }
      await screenshot('problems');
    },
  },
  {
    name: 'a quick fix from the light bulb (Ctrl+.) fixes the Effect',
    async run({ page, screenshot }) {
      // The cursor goes onto "allow"; Ctrl+. lists the fixes there.
      const word = page.locator('.editor-group-container.active .view-line span', { hasText: '"allow"' }).last();
      await word.click();
      await page.keyboard.press('Control+.');
      const fix = page.getByText('Write "Allow"', { exact: true });
      await fix.waitFor({ state: 'visible' });
      await screenshot('quick-fix');
      await page.keyboard.press('Enter');
      await waitFor(async () => (await activeEditorText(page)).includes('"Effect": "Allow"'), { message: 'the fixed Effect' });
      // Leave the example file as it was for later runs.
      await runFromPalette(page, 'File: Revert File');
    },
  },
);

// "Who can assume this role?" from the code lens of a policy in the editor: a GitHub Actions
// run from another branch is refused, and the explanation names the sub condition.
import assert from 'node:assert/strict';
import { activeEditorText, runFromPalette, waitFor } from './page.mjs';

const widget = (page) => page.locator('.quick-input-widget');

export const tests = [
  {
    name: 'a code lens click checks a caller against the policy: a run from another branch is refused by the sub condition',
    async run({ page, screenshot }) {
      await page.keyboard.press('Control+P');
      await widget(page).locator('input').fill('github-actions.trust-policy.json');
      await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'github-actions' }).first().waitFor();
      await page.keyboard.press('Enter');
      const lens = page.locator('.codelens-decoration a', { hasText: 'Trusts web identities from token.actions.githubusercontent.com' });
      await lens.waitFor({ state: 'visible', timeout: 20_000 });
      await lens.click();

      const pick = async (placeholder, row) => {
        await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor({ state: 'visible' });
        if (row) await widget(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
      };
      const answer = async (prompt, value) => {
        await widget(page).locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'visible' });
        if (value !== undefined) await widget(page).locator('input').fill(value);
        await page.keyboard.press('Enter');
      };
      // The policy's own principal is offered first; its action is the one suggested.
      await pick('Who calls?', 'oidc-provider/token.actions.githubusercontent.com');
      await answer('The identity provider');
      await pick('Which action?', 'sts:AssumeRoleWithWebIdentity');
      await answer('token.actions.githubusercontent.com:aud in the request', 'sts.amazonaws.com');
      await answer('token.actions.githubusercontent.com:sub in the request', 'repo:OWNER/REPO:ref:refs/heads/feature');

      await page.locator('.tab', { hasText: 'Can it assume' }).waitFor({ state: 'visible' });
      const text = await waitFor(async () => {
        const t = await activeEditorText(page);
        return /What refused it/.test(t) ? t : undefined;
      }, { message: 'the explanation' });
      // Long lines wrap on screen: compare without the line breaks.
      const unwrapped = text.replace(/\n/g, '');
      assert.match(unwrapped, /Not allowed/);
      assert.match(unwrapped, /What refused it:- statement 1 \(TrustGitHubActions\): token\.actions\.githubusercontent\.com:sub is 'repo:OWNER\/REPO:ref:refs\/heads\/feature'/);
      await screenshot('check-who-can-assume');
      await runFromPalette(page, 'View: Close All Editors');
    },
  },
  {
    name: 'a SAM template and a .tf file show their trust policies\' findings at the YAML and HCL tokens',
    async run({ page, screenshot }) {
      const open = async (name) => {
        await page.keyboard.press('Control+P');
        await widget(page).locator('input').fill(name);
        await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
      };
      await open('template.yaml');
      // The finding is on line 30, below what the editor shows: look for it in Problems first.
      await runFromPalette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      const problems = page.locator('.markers-panel .monaco-list-row');
      await waitFor(async () => (await problems.allInnerTexts()).join('\n').includes('cross-account-without-external-id'), { message: 'the template\'s finding in Problems' });
      // Opening the problem shows its token in the template.
      await problems.filter({ hasText: 'cross-account-without-external-id' }).first().dblclick();
      await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ state: 'visible' });
      await screenshot('template-diagnostics');
      await open('github-deploy.tf');
      await waitFor(async () => (await problems.allInnerTexts()).join('\n').includes('oidc-wildcard-sub'), { message: 'the .tf file\'s finding in Problems' });
      await runFromPalette(page, 'View: Close All Editors');
    },
  },
];

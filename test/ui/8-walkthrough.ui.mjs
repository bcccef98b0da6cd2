// The first-run walkthrough (contributes.walkthroughs) walked as a person does: each step's
// action, then its check mark, which VS Code sets only on the step's completion event. The
// pictures of the steps (media/walkthrough/*.png, shipped in the VSIX) are taken here:
// `UPDATE_SCREENSHOTS=1` copies them there, at a small window size to keep the VSIX small.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { activeEditorText, openTerminal, pickQuickItem, runFromPalette, statusBarItem, terminalText, typeInTerminal, waitFor } from './page.mjs';

const WALKTHROUGH = 'Get started with IAM Trust & Sessions';
const widget = (page) => page.locator('.quick-input-widget');

async function openWalkthrough(page) {
  // Its tab when it is open (as a person would click it), else the palette.
  const tab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: IAM Trust & Sessions' }).first();
  if (await tab.isVisible()) {
    await tab.click();
  } else {
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await pickQuickItem(page, WALKTHROUGH, WALKTHROUGH);
  }
  await page.locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor({ state: 'visible', timeout: 20_000 });
}

/** The step's button on the walkthrough page (its id ends with the step id of package.json). */
const stepButton = (page, id) => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

/** Opens the walkthrough and waits until VS Code shows the step as done. */
async function expectDone(page, id) {
  await openWalkthrough(page);
  await waitFor(async () => (await stepButton(page, id).getAttribute('aria-checked')) === 'true', { message: `step ${id} checked`, timeout: 15_000 });
}

/** A screenshot for the walkthrough step: test-results/ always, media/walkthrough/ with UPDATE_SCREENSHOTS. */
async function stepPicture(page, screenshot, root, file) {
  const shot = await screenshot(`walkthrough-${file.replace(/\.png$/, '')}`);
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(join(root, 'media', 'walkthrough'), { recursive: true });
    copyFileSync(shot, join(root, 'media', 'walkthrough', file));
  }
}

async function enter(page, value) {
  if (value !== undefined) await widget(page).locator('input').fill(value);
  await page.keyboard.press('Enter');
}

export const tests = [
  {
    name: 'Walkthrough: its five steps complete on their events (New Trust Policy, a quick fix, the account setting, Assume Role, a terminal in the session)',
    async run({ page, screenshot, root, localAws }) {
      const size = page.viewportSize();
      // Small pictures: the walkthrough shows them in a column, and the VSIX carries them.
      await page.setViewportSize({ width: 1024, height: 640 });
      try {
        await openWalkthrough(page);
        for (const id of ['openPolicy', 'fixFinding', 'zoneOfTrust', 'assumeRole', 'sessionTerminal']) {
          await stepButton(page, id).waitFor({ state: 'attached' });
        }
        await screenshot('walkthrough');

        // 1. Open or create a trust policy: New Trust Policy….
        // Running the command ticks the walkthrough's step (onCommand), and the walkthrough page,
        // redrawn, can take the focus, which closes the quick pick (seen twice in CI runs under
        // load). Give it time to settle, and open the quick pick again while it keeps closing.
        // From the second attempt on, the walkthrough is closed first (its step is ticked by then,
        // and expectDone below opens it again to check): CI saw the pick close three times in a row.
        for (let attempt = 1; ; attempt++) {
          if (attempt > 1) {
            await page.keyboard.press('Escape');
            const walkthroughTab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: IAM Trust & Sessions' }).first();
            if (await walkthroughTab.isVisible()) {
              await walkthroughTab.hover();
              await walkthroughTab.locator('.codicon-close').click();
              await walkthroughTab.waitFor({ state: 'detached', timeout: 10_000 });
            }
            await page.waitForTimeout(1000);
          }
          await runFromPalette(page, 'IAM: New Trust Policy…');
          await widget(page).locator('.quick-input-list .monaco-list-row', { hasText: 'GitHub Actions (OIDC)' }).first().waitFor({ state: 'visible' });
          await page.waitForTimeout(1500);
          if (await page.locator('.quick-input-widget input').isVisible()) break;
          if (attempt === 3) {
            const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300) ?? 'nothing');
            throw new Error(`the New Trust Policy quick pick closed three times; the focus is on ${focused}`);
          }
        }
        await stepPicture(page, screenshot, root, 'new-trust-policy.png');
        await pickQuickItem(page, 'Another AWS account', 'Another AWS account');
        await waitFor(async () => (await activeEditorText(page)).includes('sts:ExternalId'), { message: 'the new policy' });
        const policyTab = (await page.locator('.tabs-container .tab.active .label-name').first().innerText()).trim();
        await expectDone(page, 'openPolicy');

        // 2. Fix a finding: break the new policy's Effect ("allow"), then take the quick fix. The
        // document is the untitled one of step 1: no file of the repository is touched.
        const policyTabLocator = () => page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: new RegExp(`^${policyTab}$`) }) }).first();
        await policyTabLocator().click();
        await waitFor(async () => (await activeEditorText(page)).includes('sts:ExternalId'), { message: 'the new policy again' });
        await page.keyboard.press('Control+F');
        await page.keyboard.type('"Allow"');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await page.keyboard.type('"allow"');
        await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ state: 'visible', timeout: 20_000 });
        await page.keyboard.press('ArrowLeft');
        // Ctrl+. asked before the new diagnostics reached the code-action provider, or lost to a
        // focus change under load, shows nothing (CI: 30 s without the menu): ask again.
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Control+.');
          try {
            await page.getByText('Write "Allow"', { exact: true }).waitFor({ state: 'visible', timeout: 8_000 });
            break;
          } catch (error) {
            if (attempt === 4) throw error;
            await page.keyboard.press('Escape');
            // Back into the token (the squiggle itself lies under the text layer, which takes the
            // click: CI waited 30 s on it). A click on the token's text puts the cursor in it.
            await page.locator('.editor-group-container.active .view-lines span', { hasText: /^"allow"$/ }).first().click({ timeout: 10_000 });
          }
        }
        await stepPicture(page, screenshot, root, 'quick-fix.png');
        await page.keyboard.press('Enter');
        await waitFor(async () => (await activeEditorText(page)).includes('"Effect": "Allow"'), { message: 'the fixed Effect' });
        await expectDone(page, 'fixFinding');

        // 3. The zone of trust, with the step's own "Set Trusted Accounts" button. (The examples
        // folder sets iamTrust.accountId for the workspace: a user value of it would change
        // nothing, and VS Code reports no change then. The run's user settings are its own.)
        await openWalkthrough(page);
        await stepButton(page, 'zoneOfTrust').click();
        await page.getByText('Set Trusted Accounts', { exact: true }).first().click();
        const setting = page.locator('.settings-editor .setting-item-contents', { hasText: 'Trusted Accounts' }).first();
        await setting.waitFor({ state: 'visible' });
        await setting.getByRole('button', { name: 'Add Item' }).click();
        await setting.locator('input').first().fill('444455556666');
        await page.keyboard.press('Enter');
        await setting.getByText('444455556666').waitFor({ state: 'visible' });
        await stepPicture(page, screenshot, root, 'zone-of-trust.png');
        await expectDone(page, 'zoneOfTrust');
        // Away from the walkthrough before the next quick pick: the page, redrawn after a tick,
        // moves the focus to its next step a moment later, which closes a quick pick opened over
        // it (the Assume Role flow stopped after its first question so).
        await policyTabLocator().click();
        await waitFor(async () => (await activeEditorText(page)).includes('"Effect": "Allow"'), { message: 'the policy in front' });

        // 4. Assume a role: Deploy with alice's keys and the agreed ExternalId.
        await runFromPalette(page, 'IAM: Assume Role…');
        await page.locator('.quick-input-widget input[placeholder^="A recent role"]').waitFor({ state: 'visible' });
        await widget(page).locator('input').fill('arn:aws:iam::111122223333:role/Deploy');
        // Enter only once the row is the active one: pressed while the list was still being
        // redrawn for the typed text, it took another item (the flow then asked something else).
        await widget(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Use arn:aws:iam::111122223333:role/Deploy' }).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget input[placeholder^="Which credentials call sts:AssumeRole?"]').waitFor({ state: 'visible' });
        await widget(page).locator('input').fill('alice');
        await widget(page).locator('.quick-input-list .monaco-list-row.focused', { hasText: 'alice' }).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
        await widget(page).locator('.quick-input-message', { hasText: 'Session name' }).waitFor({ state: 'visible' });
        await enter(page);
        await widget(page).locator('.quick-input-message', { hasText: 'maximum is unknown' }).waitFor({ state: 'visible' });
        await enter(page, '3600');
        await widget(page).locator('.quick-input-message', { hasText: 'External ID' }).waitFor({ state: 'visible' });
        await enter(page, 'vendor-42');
        await page.locator('.quick-input-widget input[placeholder^="Press Enter to assume the role"]').waitFor({ state: 'visible' });
        await enter(page);
        await statusBarItem(page, 'Deploy ·').waitFor({ state: 'visible', timeout: 30_000 });
        await statusBarItem(page, 'Deploy ·').click();
        await widget(page).locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
        await stepPicture(page, screenshot, root, 'assume-role.png');
        await page.keyboard.press('Escape');
        await expectDone(page, 'assumeRole');
        await policyTabLocator().click();
        await waitFor(async () => (await activeEditorText(page)).includes('"Effect": "Allow"'), { message: 'the policy in front' });

        // 5. A terminal in the session: the AWS CLI answers as the role.
        await openTerminal(page, 'IAM: Open Terminal in Session');
        await typeInTerminal(page, `aws sts get-caller-identity --endpoint-url ${localAws.endpoint} --query Arn --output text`);
        await waitFor(async () => /arn:aws:sts::111122223333:assumed-role\/Deploy\//.test(await terminalText(page)), { message: 'the role in the terminal', timeout: 60_000 });
        await stepPicture(page, screenshot, root, 'session-terminal.png');
        await expectDone(page, 'sessionTerminal');
        await screenshot('walkthrough-done');
        const checked = await page.locator('button.getting-started-step[aria-checked="true"]').count();
        assert.ok(checked >= 5, `${checked} steps checked`);
      } finally {
        await runFromPalette(page, 'IAM: Clear Role Session').catch(() => {});
        if (size) await page.setViewportSize(size);
      }
    },
  },
];

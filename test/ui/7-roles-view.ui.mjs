// The IAM Roles view (issue 16 §3) as a person uses it: the Explorer's "IAM Roles" section lists
// an organisation's accounts and roles with their finding badges; clicking a role opens its trust
// policy; a role's context menu answers "who can reach this role" in a markdown document.
// The organisation is the local endpoint's fixture (test/local-aws/audit.ts), served by an
// endpoint of this file's own: alice's keys of the run are its management account's caller here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { activeEditorText, runFromPalette, statusBarItem, waitFor } from './page.mjs';

const pane = (page) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'IAM Roles' }) });
const row = (page, text) => pane(page).locator('.monaco-list-row', { hasText: text }).first();

let organization;
let settingsBefore;

/** The user settings, typed into the settings editor and saved (the workbench reads its own saves at once). */
async function typeUserSettings(page, settings) {
  await runFromPalette(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tab', { hasText: 'settings.json' }).first().waitFor({ state: 'visible' });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(settings));
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(500);
  await runFromPalette(page, 'View: Close All Editors');
}

export const tests = [
  {
    name: 'IAM Roles view: an organisation\'s accounts and roles with their finding badges',
    async run({ page, root, runDir, screenshot }) {
      const { startLocalAws, organizationFixture } = createRequire(import.meta.url)(join(root, 'out', 'test', 'local-aws.js'));
      const fixture = organizationFixture();
      organization = await startLocalAws({
        // The run's default credentials (AWS_PROFILE=alice): here the organisation's management account.
        users: [{ arn: 'arn:aws:iam::111111111111:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' }],
        roles: fixture.roles,
        organization: fixture.organization,
      });
      // The window's own session, if an earlier file left one, would be read instead of the default credentials.
      await statusBarItem(page, 'IAM:').first().waitFor({ state: 'visible' });
      if (!(await statusBarItem(page, 'IAM: no session').isVisible())) await runFromPalette(page, 'IAM: Clear Role Session');
      settingsBefore = readFileSync(join(runDir, 'user-data', 'User', 'settings.json'), 'utf8');
      await typeUserSettings(page, { ...JSON.parse(settingsBefore), 'iamTrust.sts.endpoint': organization.endpoint, 'iamTrust.iam.endpoint': organization.endpoint, 'iamTrust.organizations.endpoint': organization.endpoint, 'iamTrust.rolesView.organization': true });
      await runFromPalette(page, 'View: Close All Editors');
      await runFromPalette(page, 'Focus on IAM Roles View');
      await pane(page).waitFor({ state: 'visible' });
      // Room for the roles: the folder's section folds away.
      const folder = page.locator('.pane-header', { hasText: 'examples' }).first();
      if ((await folder.getAttribute('aria-expanded')) === 'true') await folder.click();
      // The settings may reach the extension after the view first read: read again.
      await runFromPalette(page, 'IAM: Refresh IAM Roles');
      await row(page, 'PublicReader').waitFor({ state: 'visible', timeout: 30_000 });
      for (const account of ['Management', 'Production', 'Tools']) await row(page, account).waitFor({ state: 'visible' });
      // The badge of a role with a security finding, and its words.
      const publicReader = row(page, 'PublicReader');
      assert.match(await publicReader.innerText(), /security/);
      // The FileDecoration's badge: VS Code renders it as a decoration class on the item's label.
      await waitFor(async () => /monaco-decoration/.test(await publicReader.innerHTML()), { message: 'the badge of PublicReader' });
      // A tree item's tooltip shows after a hover delay, and under load a hover can be missed:
      // move away and hover again until it shows (at most three times).
      const tooltip = page.locator('.monaco-hover', { hasText: 'Trusts anyone' }).first();
      for (let attempt = 1; ; attempt++) {
        await publicReader.hover();
        if (await tooltip.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) break;
        if (attempt === 3) throw new Error('the tooltip of PublicReader did not show');
        await page.mouse.move(0, 0);
      }
      await screenshot('roles-view');
      await page.mouse.move(0, 0);
    },
  },
  {
    name: 'IAM Roles view: clicking a role opens its trust policy',
    async run({ page, screenshot }) {
      await row(page, 'Ops').click();
      await page.locator('.tab', { hasText: 'trust-policy.json' }).first().waitFor({ state: 'visible' });
      await waitFor(async () => (await activeEditorText(page)).includes('arn:aws:iam::111111111111:user/alice'), { message: 'the Ops role\'s trust policy in the editor' });
      await screenshot('roles-view-open');
    },
  },
  {
    name: 'IAM Roles view: "Who Can Reach This Role" shows the chain to Production/Admin',
    async run({ page, screenshot, addSecrets }) {
      try {
        // The context menu, as a person opens it. Under load CI once saw the click on its item
        // lost (no document after 30 s): the menu is asked for again while no tab shows.
        const tab = page.locator('.tab', { hasText: 'Who can reach Admin' }).first();
        for (let attempt = 1; ; attempt++) {
          await row(page, 'Admin').click({ button: 'right' });
          const item = page.locator('.monaco-menu .action-item', { hasText: 'Who Can Reach This Role' }).first();
          const shown = await item.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
          if (shown) await item.click({ timeout: 5_000 }).catch(() => undefined);
          if (await tab.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) break;
          if (attempt === 3) throw new Error(`no "Who can reach Admin" document after three context menus (the menu ${shown ? 'showed' : 'did not show'} the last time)`);
          await page.keyboard.press('Escape');
        }
        // The top of the document (Monaco renders what is on screen): the question, the scope, the nearest principals.
        const text = await waitFor(async () => {
          // Markdown documents wrap their lines: compare the words.
          const t = (await activeEditorText(page)).replace(/\s+/g, ' ');
          return t.includes('→ arn:aws:iam::222222222222:role/Admin') ? t : undefined;
        }, { message: 'the who-can-reach document' });
        assert.match(text, /# Who can reach arn:aws:iam::222222222222:role\/Admin/);
        assert.match(text, /Only trust policies are read/);
        assert.match(text, /arn:aws:iam::222222222222:role\/Deploy \(role\)/);
        await screenshot('roles-view-who-can-reach');
      } finally {
        // The sessions it assumed into the accounts are secrets too: the run's final scan looks for them.
        addSecrets(...(organization?.issuedSecrets ?? []));
        if (settingsBefore !== undefined) await typeUserSettings(page, JSON.parse(settingsBefore));
        await organization?.close();
      }
    },
  },
];

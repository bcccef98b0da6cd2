// Helpers that drive the VS Code workbench the way a person does: keyboard, palette, clicks.

/** Runs a command from the command palette by its title, as typed by a person. */
export async function runFromPalette(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // Under load the palette can close again at once, when a page being redrawn (the walkthrough
  // ticking a step) takes the focus: CI saw F1 leave it hidden for 30 s, and once saw it close
  // between showing and being typed into. Escape and ask again, the whole way through.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press(attempt % 2 ? 'F1' : 'Control+Shift+P');
      await input.waitFor({ state: 'visible', timeout: 7_500 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      if (!(await input.isVisible())) throw new Error('the palette closed before Enter');
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  await page.keyboard.press('Enter');
}

/** Picks an item of the open quick pick by filtering, then Enter. */
export async function pickQuickItem(page, filter, expectedLabel) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: expectedLabel }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

export function statusBarItem(page, text) {
  return page.locator('.statusbar-item', { hasText: text });
}

/** The text of the active editor as rendered (Monaco renders only what is on screen). */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  const texts = await lines.allInnerTexts();
  return texts.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * The terminal in front. While the panel switches to a new terminal, the one before can still
 * carry .active, hidden (CI clicked it for 30 s): only the visible one counts.
 */
export function activeTerminal(page) {
  return page.locator('.terminal-wrapper.active .xterm >> visible=true');
}

/** The visible rows of the active terminal (DOM renderer: gpuAcceleration is off). */
export async function terminalText(page) {
  const rows = await activeTerminal(page).locator('.xterm-rows > div').allInnerTexts();
  return rows.join('\n').replace(/\u00a0/g, ' ');
}

export async function waitFor(predicate, { timeout = 20_000, interval = 200, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
}

/** Opens a terminal with a palette command and waits for its shell prompt. */
export async function openTerminal(page, opener = 'IAM: Open Terminal in Session') {
  const before = await page.locator('.terminal-wrapper').count();
  await runFromPalette(page, opener);
  await waitFor(async () => (await page.locator('.terminal-wrapper').count()) > before, { message: 'a new terminal', timeout: 30_000 });
  await activeTerminal(page).locator('.xterm-rows').waitFor({ state: 'visible' });
  await waitFor(async () => /[$#] *$/m.test(await terminalText(page)), { message: 'a shell prompt', timeout: 30_000 });
}

/** Types a command line into the active terminal. */
export async function typeInTerminal(page, line) {
  await activeTerminal(page).click();
  await page.keyboard.type(`${line}\n`);
}

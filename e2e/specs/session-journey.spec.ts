import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from '../fixtures/browser';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { WorkbenchPage } from '../pages/WorkbenchPage';

// The user journey, steps 2–6, in real Chromium against browser mode, real Docker and a
// real SQLite file in a temporary data directory. The steps depend on each other, in order.
describe('a session, end to end in the browser', () => {
  let wb: BrowserWorkbench;
  let server: BrowserWorkbench['server'];
  let context: BrowserContext;
  let page: Page;
  let w: WorkbenchPage;
  const name = `journey ${Date.now().toString(36)}`;

  beforeAll(async () => {
    wb = await openBrowserWorkbench('journey');
    ({ server, context, page, w } = wb);
  });

  afterAll(async () => {
    await wb?.close();
  });

  it('2. shows the sessions sidebar and a connected Docker engine', async () => {
    await expect
      .poll(() => w.engineStatus().innerText(), { timeout: 20_000 })
      .toMatch(/connected/i);
    expect(await w.sessionsNav().isVisible()).toBe(true);
  });

  it('3. creates a session that goes from creating to running', async () => {
    await w.createSession(name);
    await expect
      .poll(() => w.sessionStatus().innerText(), { timeout: 10_000 })
      .toMatch(/creating|running/);
    await w.waitForStatus('running');
    await expect.poll(() => w.sessionItem(name).innerText()).toMatch(/running/);
    await page.screenshot({ path: join(artifactsDir, 'journey-running.png') });
  });

  it('3b. refuses a duplicate name in the dialog and keeps what was typed', async () => {
    await w.createSession(name.toUpperCase());
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/already exists/);
    expect(await dialog.getByLabel('Name').inputValue()).toBe(name.toUpperCase());
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('4. runs two terminal tabs, each its own shell, with colours and resize', async () => {
    await w.newTerminal();
    expect(await w.runAndRead('echo one-$((40+2))')).toBe('one-42');
    await w.run("printf '\\033[31mred-text\\033[0m\\n'");
    await w.waitForText('red-text');
    // The output line (not the echoed command) is drawn in ANSI red, colour 1.
    const red = page.locator('[role="tabpanel"]:visible .xterm-rows span.xterm-fg-1', {
      hasText: /^red-text$/,
    });
    await expect.poll(() => red.count()).toBeGreaterThan(0);

    await w.newTerminal();
    expect(await w.tabs().count()).toBe(2);
    expect(await w.runAndRead('echo two-$((1+1))')).toBe('two-2');
    expect(await w.terminalText()).not.toContain('one-42');

    const before = (await w.runAndRead('stty size')).split(/\s+/).map(Number);
    await page.setViewportSize({ width: 900, height: 640 });
    await expect
      .poll(async () => (await w.runAndRead('stty size')).split(/\s+/).map(Number), {
        timeout: 15_000,
      })
      .not.toEqual(before);
    const after = (await w.runAndRead('stty size')).split(/\s+/).map(Number);
    expect(after[1]).toBeLessThan(before[1]!);
    expect(after[0]).toBeLessThanOrEqual(before[0]!);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('4a. copies a word from the terminal and pastes it back', async () => {
    await w.run('echo copy-$((6*7))-word');
    await w.waitForText(/^copy-42-word$/m);
    // The output row (not the command line): double-click its first word, as a user would.
    const row = page.locator('[role="tabpanel"]:visible .xterm-rows > div', {
      hasText: /^copy-42-word\s*$/,
    });
    const box = await row.last().boundingBox();
    if (!box) throw new Error('the output row has no box on screen');
    await page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
    await page.keyboard.press('Control+Shift+C');
    await expect
      .poll(() => page.evaluate<string>('navigator.clipboard.readText()'))
      .toBe('copy-42-word');
    await page.keyboard.type('echo pasted:');
    await page.keyboard.press('Control+Shift+V');
    await w.waitForText(/echo pasted:copy-42-word$/);
    await page.keyboard.press('Enter');
    await w.waitForText(/^pasted:copy-42-word$/m);
  });

  it('4c. keeps what a hidden tab printed and shows it when the tab is selected', async () => {
    // Tab 2 prints while tab 1 is shown: a little (kept as it came) and then a lot (past what
    // a hidden tab keeps: showing it reloads the host's copy, which has the same tail).
    await w.tabs().nth(1).click();
    await w.run(
      'sleep 1; echo hidden-$((6*7)); sleep 1; seq 1 300000 | tail -c 1500000; echo hidden-$((7*7))',
    );
    await w.tabs().nth(0).click();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await w.tabs().nth(1).click();
    await w.waitForText(/^hidden-42$/m);
    await w.tabs().nth(0).click();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await w.tabs().nth(1).click();
    const text = await w.waitForText(/^hidden-49$/m);
    expect(text).toMatch(/^299999\n300000\nhidden-49$/m);
    await w.waitForPrompt();
  });

  it('4b. renames a tab and closing a tab ends its shell', async () => {
    const second = w.tabs().nth(1);
    await second.dblclick();
    const input = page.getByLabel('Terminal name');
    await input.fill('builds');
    await input.press('Enter');
    await expect.poll(() => w.tabs().nth(1).innerText()).toMatch(/builds/);

    await w.newTerminal();
    await w.run('sleep 1000 # third-tab-marker');
    await w.tabs().nth(0).click();
    const count = async () => Number(await w.runAndRead("ps -eo args | grep -c '^sleep 1000'"));
    expect(await count()).toBe(1);
    await page.getByRole('button', { name: /^Close Terminal 3/ }).click();
    await expect.poll(() => w.tabs().count()).toBe(2);
    await expect.poll(count, { timeout: 15_000 }).toBe(0);
  });

  it('5. brings sessions, tabs and scrollback back after a reload and a new window', async () => {
    await page.reload();
    await w.waitForStatus('running', 30_000);
    await expect.poll(() => w.tabs().count(), { timeout: 15_000 }).toBe(2);
    expect(await w.tabs().nth(1).innerText()).toMatch(/builds/);
    await w.tabs().nth(0).click();
    await w.waitForText('one-42');

    await page.close();
    page = await context.newPage();
    wb.page = page;
    w = new WorkbenchPage(page);
    await w.open(server.origin + '/');
    await w.sessionItem(name).click();
    await w.waitForStatus('running', 30_000);
    await expect.poll(() => w.tabs().count(), { timeout: 15_000 }).toBe(2);
    await w.tabs().nth(0).click();
    await w.waitForText('one-42');
    await page.screenshot({ path: join(artifactsDir, 'journey-terminals.png') });
  });

  it('6. keeps files across stop and start', async () => {
    await w.tabs().nth(0).click();
    await w.runAndRead('echo persisted > /workspace/kept.txt');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await w.waitForStatus('stopped', 60_000);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await w.waitForStatus('running', 60_000);
    await w.tabs().nth(0).click();
    const restart = page.getByRole('button', { name: 'Restart' });
    if (await restart.isVisible()) await restart.click();
    await w.waitForPrompt();
    expect(await w.runAndRead('cat /workspace/kept.txt')).toBe('persisted');
  });

  it('6b. deletes the session: gone from the list, record kept for audit', async () => {
    await page.getByRole('button', { name: 'Delete' }).first().click();
    await page
      .getByRole('dialog', { name: 'Delete session' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => w.sessionItem(name).count(), { timeout: 60_000 }).toBe(0);
    const db = new Database(join(server.dataDir, 'berth.db'), { readonly: true });
    const row = db.prepare('SELECT status, container_id FROM sessions WHERE name = ?').get(name) as
      { status: string; container_id: string } | undefined;
    db.close();
    expect(row?.status).toBe('deleted');
    await page.screenshot({ path: join(artifactsDir, 'journey-deleted.png') });
  });
});

import type { Locator, Page } from 'playwright-core';

const poll = async <T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
};

/** The Berth window as a user sees it: sidebar, engine status, session workbench, terminals. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  /** Uses xterm's DOM renderer so the test can read what the terminal shows. */
  async open(url: string): Promise<void> {
    await this.page.addInitScript(() => localStorage.setItem('berth.terminalRenderer', 'dom'));
    await this.page.goto(url);
  }

  engineStatus(): Locator {
    return this.page.getByRole('status', { name: 'Docker engine' });
  }

  sessionsNav(): Locator {
    return this.page.getByRole('navigation', { name: 'Sessions' });
  }

  sessionItem(name: string): Locator {
    return this.sessionsNav().getByRole('button', { name: new RegExp(name) });
  }

  sessionStatus(): Locator {
    return this.page.getByLabel('Session status');
  }

  async createSession(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New session' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
  }

  async waitForStatus(status: string, timeoutMs = 600_000): Promise<void> {
    await poll(
      () => this.sessionStatus().innerText(),
      (t) => t.trim().toLowerCase().includes(status),
      `session status ${status}`,
      timeoutMs,
    );
  }

  tabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab');
  }

  async newTerminal(): Promise<void> {
    const before = await this.tabs().count();
    await this.page.getByRole('button', { name: 'New terminal' }).click();
    await poll(
      () => this.tabs().count(),
      (n) => n === before + 1,
      'a new terminal tab',
    );
    await this.waitForPrompt();
  }

  /** The visible terminal's screen and scrollback as text (DOM renderer rows). */
  async terminalText(): Promise<string> {
    const panel = this.page.locator('[role="tabpanel"]:visible .xterm-rows');
    if ((await panel.count()) === 0) return '';
    return (await panel.first().innerText()).replace(/\u00a0/g, ' ').trimEnd();
  }

  async waitForText(pattern: RegExp | string, timeoutMs = 30_000): Promise<string> {
    const test = (text: string) =>
      typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    return poll(() => this.terminalText(), test, `terminal text ${pattern}`, timeoutMs);
  }

  /** Waits until the visible tab's shell runs and its last line is a prompt. */
  async waitForPrompt(): Promise<void> {
    await poll(
      () => this.page.locator('[role="tabpanel"]:visible').first().getAttribute('data-status'),
      (status) => status === 'running',
      'a running shell in the visible tab',
    );
    await this.waitForText(/\$ *$/);
  }

  /** Types into the focused terminal like a user, then Enter. */
  async run(command: string): Promise<void> {
    await this.page.locator('[role="tabpanel"]:visible .xterm').first().click();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
  }

  /** Runs a command and returns the output between two markers, so earlier text cannot match. */
  async runAndRead(command: string): Promise<string> {
    const marker = `m${Math.random().toString(36).slice(2, 8)}`;
    await this.run(`echo ${marker}-begin; ${command}; echo ${marker}-end`);
    const text = await this.waitForText(new RegExp(`^${marker}-end`, 'm'));
    const start = text.lastIndexOf(`\n${marker}-begin`);
    const end = text.lastIndexOf(`${marker}-end`);
    return text.slice(start + marker.length + 7, end).trim();
  }
}

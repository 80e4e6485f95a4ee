import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

/** A row of the Processes panel as the user reads it. */
export interface PortRowText {
  port: number;
  /** `python3`, `process of another user`, or `Not listening`. */
  process: string;
  /** The whole command line (the row cuts it short; its title has it all), or ''. */
  command: string;
  /** `127.0.0.1 (loopback only), ::1 (loopback only)`, or '' when it does not listen. */
  address: string;
  /** `Not forwarded`, `Forwarded → localhost:8000`, `Gone — …`, or a failed forward's error. */
  status: string;
  /** `2 open connections`, or ''. */
  connections: string;
}

/**
 * The header's Processes button and its panel, as a user sees them: one row per port with its
 * process, addresses and forward; Open, Copy URL, Stop and Always forward; forward by number.
 */
export class ProcessesPage {
  constructor(readonly page: Page) {}

  /** The header's Processes button (its name ends with the number of listening ports). */
  button(): Locator {
    return this.page.getByRole('button', { name: /^Processes\b/ });
  }

  panel(): Locator {
    return this.page.getByRole('dialog', { name: 'Processes and ports', exact: true });
  }

  async open(): Promise<void> {
    if ((await this.button().getAttribute('aria-expanded')) !== 'true') await this.button().click();
    await this.panel().waitFor();
  }

  /** Closes with Escape, as a keyboard user would; the focus goes back to the button. */
  async close(): Promise<void> {
    await this.panel().press('Escape');
    await this.panel().waitFor({ state: 'detached' });
  }

  /** The number on the header's button, or null when it shows none. */
  async badgeCount(): Promise<number | null> {
    const badge = this.button().locator('.count-badge');
    if ((await badge.count()) === 0) return null;
    return Number((await badge.innerText()).replace(/,/g, ''));
  }

  /** Waits until the badge shows `count` (null: no badge). */
  async waitForBadge(count: number | null, timeoutMs = 30_000): Promise<void> {
    await poll(
      () => this.badgeCount(),
      (n) => n === count,
      `the Processes badge to show ${count}`,
      timeoutMs,
    );
  }

  /** The panel's line for a state or an empty list: `Looking for listening ports…`, or ''. */
  async stateText(): Promise<string> {
    const state = this.panel().locator('.processes-state');
    return (await state.count()) === 0 ? '' : (await state.innerText()).trim();
  }

  /** The note on who can reach a forwarded port. */
  note(): Locator {
    return this.panel().locator('.processes-note');
  }

  row(port: number): Locator {
    return this.panel().locator(`li[data-port="${port}"]`);
  }

  /** The port numbers of the rows, in the order shown. */
  async ports(): Promise<number[]> {
    const numbers = await this.panel().locator('.port-item .port-number').allInnerTexts();
    return numbers.map((n) => Number(n.trim()));
  }

  /** Waits until a row for `port` is there. */
  async waitForRow(port: number, timeoutMs = 30_000): Promise<void> {
    await this.row(port).waitFor({ timeout: timeoutMs });
  }

  /** The row's parts read in one go: the panel re-renders as the sandbox changes. */
  async rowText(port: number): Promise<PortRowText> {
    const parts = await this.row(port).evaluate((row) => {
      const text = (selector: string): string =>
        (row.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        named: text('.port-process-name'),
        process: text('.port-process'),
        command: row.querySelector('.port-command')?.getAttribute('title') ?? '',
        address: text('.port-address'),
        status: text('.port-status'),
        connections: text('.port-connections'),
      };
    });
    return {
      port,
      process: parts.named || parts.process,
      command: parts.command,
      address: parts.address,
      status: parts.status,
      connections: parts.connections,
    };
  }

  /** Waits until a row's text satisfies `ok` (the panel follows the sandbox by itself). */
  async waitForRowText(
    port: number,
    ok: (row: PortRowText) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<PortRowText> {
    return poll(() => this.rowText(port), ok, what, timeoutMs);
  }

  /** The line an action left under a row (`Port 3000 does not listen yet; …`, an error), or ''. */
  async rowMessage(port: number): Promise<string> {
    const message = this.row(port).locator('.port-message');
    return (await message.count()) === 0 ? '' : (await message.innerText()).trim();
  }

  /** Clicks Open and returns the page it opened (forwarding the port first when needed). */
  async openPort(port: number): Promise<Page> {
    const popup = this.page.context().waitForEvent('page');
    await this.action(port, `Open port ${port}`).click();
    const opened = await popup;
    await opened.waitForLoadState();
    return opened;
  }

  /** Clicks Open when it does not open a page (the port does not listen yet). */
  async clickOpen(port: number): Promise<void> {
    await this.action(port, `Open port ${port}`).click();
  }

  /** Clicks Copy URL and waits for its "Copied" confirmation. */
  async copyUrl(port: number): Promise<void> {
    const button = this.action(port, `Copy URL of port ${port}`);
    await button.click();
    await poll(
      () => button.innerText(),
      (t) => t.includes('Copied'),
      `"Copied" on port ${port}'s Copy URL`,
    );
  }

  async stop(port: number): Promise<void> {
    await this.action(port, `Stop forwarding port ${port}`).click();
  }

  alwaysForwardBox(port: number): Locator {
    return this.row(port).getByRole('checkbox', {
      name: `Always forward port ${port}`,
      exact: true,
    });
  }

  async setAlwaysForward(port: number, always: boolean): Promise<void> {
    const box = this.alwaysForwardBox(port);
    if ((await box.isChecked()) !== always) await box.click();
    await poll(
      () => box.isChecked(),
      (checked) => checked === always,
      `Always forward on port ${port} to be ${always ? 'checked' : 'unchecked'}`,
    );
  }

  forwardInput(): Locator {
    return this.panel().getByRole('textbox', { name: 'Forward a port', exact: true });
  }

  /** Types a number in "Forward a port" and presses Enter. */
  async forwardByNumber(port: number | string): Promise<void> {
    await this.forwardInput().fill(String(port));
    await this.forwardInput().press('Enter');
  }

  /** The form's error (its own check or the server's), or ''. */
  async forwardError(): Promise<string> {
    const error = this.panel().locator('.forward-form .field-error');
    return (await error.count()) === 0 ? '' : (await error.innerText()).trim();
  }

  /** What the form said after a forward that worked, or ''. */
  async forwardResult(): Promise<string> {
    const done = this.panel().locator('.forward-done');
    return (await done.count()) === 0 ? '' : (await done.innerText()).trim();
  }

  private action(port: number, name: string): Locator {
    return this.row(port).getByRole('button', { name, exact: true });
  }
}

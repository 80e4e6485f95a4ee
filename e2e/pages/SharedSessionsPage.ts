import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

/** One teammate's session as its row in "Shared on this engine" reads. */
export interface SharedRowText {
  name: string;
  /** The owner's name, from the `owner: NAME` chip. */
  owner: string;
  /** `running` or `stopped`. */
  status: string;
  /** The session branch, or ''. */
  branch: string;
  /** Already attached here (the row says so instead of offering Attach). */
  attached: boolean;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sidebar's "Shared on this engine": teammates' sessions by engine, each with its owner,
 * status and branch, and Attach; once attached, the session in the Sessions list with its
 * `owner: NAME` chip.
 */
export class SharedSessionsPage {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Shared on this engine', exact: true });
  }

  row(name: string): Locator {
    return this.section().getByRole('listitem', { name, exact: true });
  }

  async rows(): Promise<SharedRowText[]> {
    const items = await this.section().getByRole('listitem').all();
    return Promise.all(items.map((item) => this.read(item)));
  }

  /** Waits until a teammate's session is listed; returns its text (name, owner, status, branch). */
  async waitFor(name: string, timeoutMs = 30_000): Promise<string> {
    await poll(
      () => this.row(name).count(),
      (n) => n === 1,
      `${name} in the shared list`,
      timeoutMs,
    );
    return this.row(name).innerText();
  }

  /** Waits until the row is gone (its sandbox deleted, or nothing shared any more). */
  async waitForGone(name: string, timeoutMs = 30_000): Promise<void> {
    await poll(
      () => this.row(name).count(),
      (n) => n === 0,
      `${name} to leave the shared list`,
      timeoutMs,
    );
  }

  async readRow(name: string): Promise<SharedRowText> {
    return this.read(this.row(name));
  }

  /** Attaches the session and waits until it is in the Sessions list, opened. */
  async attach(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Attach ${name}`, exact: true })
      .click();
    await poll(
      () => this.sessionItem(name).getAttribute('aria-current'),
      (current) => current === 'page',
      `${name} attached and opened`,
    );
  }

  /** The attached session's item in the Sessions list. */
  sessionItem(name: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Sessions', exact: true })
      .getByRole('button', { name: new RegExp(`^${escape(name)}(\\s|$)`) });
  }

  /** The `owner: NAME` chip of an attached session in the Sessions list. */
  ownerChip(name: string): Locator {
    return this.sessionItem(name).locator('.session-chip[data-kind="owner"]');
  }

  /** Waits until the attached session's chip reads `owner: OWNER`. */
  async expectOwnerChip(name: string, owner: string, timeoutMs = 30_000): Promise<void> {
    await poll(
      async () =>
        (await this.ownerChip(name).count()) > 0 ? this.ownerChip(name).innerText() : '',
      (text) => text.trim() === `owner: ${owner}`,
      `the owner chip of ${name} to read "owner: ${owner}"`,
      timeoutMs,
    );
  }

  private async read(item: Locator): Promise<SharedRowText> {
    const text = async (selector: string): Promise<string> => {
      const part = item.locator(selector);
      return (await part.count()) > 0 ? (await part.first().innerText()).trim() : '';
    };
    return {
      name: await text('.shared-name'),
      owner: (await text('.session-chip[data-kind="owner"]')).replace(/^owner: /, ''),
      status: await text('.shared-status'),
      branch: await text('.shared-branch'),
      attached: (await item.locator('.shared-attached').count()) > 0,
    };
  }
}

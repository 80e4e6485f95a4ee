import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

/** A row of the changed-file list as the user reads it. */
export interface ChangedFileRow {
  path: string;
  oldPath: string | null;
  status: string;
  /** null for a binary file ("binary"). */
  additions: number | null;
  deletions: number | null;
}

/** A review comment in the panel's list. */
export interface CommentListItem {
  /** The file the comment's group is on. */
  path: string;
  /** `line 4`, `lines 4–6`, with ` (base)` for the base side. */
  lines: string;
  body: string;
  state: 'Pending' | 'Sent';
  resolved: boolean;
  outdated: boolean;
  /** For an outdated comment, the lines it was made on. */
  originalLines: string | null;
}

/**
 * The Changes panel beside the chat, as a user sees it: the header's toggle, the changed files
 * (tree or flat), the totals, the open file's diff or note, the comment list, and the
 * composer's chip of pending comments.
 */
export class ChangesPage {
  constructor(readonly page: Page) {}

  /** The header's Changes button (its name ends with the number of changed files). */
  toggle(): Locator {
    return this.page.getByRole('button', { name: /^Changes\b/ });
  }

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Changes', exact: true });
  }

  async open(): Promise<void> {
    if ((await this.toggle().getAttribute('aria-pressed')) !== 'true') await this.toggle().click();
    await this.panel().waitFor();
  }

  async close(): Promise<void> {
    await this.panel().getByRole('button', { name: 'Close the changes' }).click();
    await this.panel().waitFor({ state: 'detached' });
  }

  /** The number on the header's button, or null when it shows none. */
  async toggleCount(): Promise<number | null> {
    const badge = this.toggle().locator('.count-badge');
    if ((await badge.count()) === 0) return null;
    return Number((await badge.innerText()).replace(/,/g, ''));
  }

  /** `3 files changed · +12 −4` */
  async totals(): Promise<string> {
    const totals = this.panel().locator('.changes-totals');
    return (await totals.count()) === 0 ? '' : (await totals.innerText()).trim();
  }

  /** The panel's message when it has no list: no repositories, not running, no changes, an error. */
  async emptyText(): Promise<string> {
    // Visible ones only: the tab not shown keeps its own (hidden) empty line.
    const empty = this.panel()
      .locator('.changes-empty, .changes-empty-line')
      .filter({ visible: true });
    return (await empty.allInnerTexts()).join('\n').trim();
  }

  async retry(): Promise<void> {
    await this.panel().getByRole('button', { name: 'Retry' }).first().click();
  }

  async setView(view: 'tree' | 'list'): Promise<void> {
    await this.panel()
      .getByRole('button', { name: view === 'tree' ? 'Tree' : 'Flat list', exact: true })
      .click();
  }

  async setLayout(layout: 'split' | 'inline'): Promise<void> {
    await this.panel()
      .getByRole('button', { name: layout === 'split' ? 'Side by side' : 'Inline', exact: true })
      .click();
  }

  async showTab(tab: 'Files' | 'Comments'): Promise<void> {
    await this.panel()
      .getByRole('tab', { name: new RegExp(`^${tab}`) })
      .click();
  }

  fileList(): Locator {
    return this.panel().getByLabel('Changed files', { exact: true });
  }

  /** The file rows in the order shown (folders are left out; collapsed folders hide theirs). */
  async files(): Promise<ChangedFileRow[]> {
    return this.fileList()
      .locator('[data-path]')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const count = (selector: string): number | null => {
            const text = row.querySelector(selector)?.textContent ?? null;
            return text === null ? null : Number(text.replace(/[^0-9]/g, ''));
          };
          return {
            path: row.getAttribute('data-path') ?? '',
            oldPath: row.getAttribute('data-old-path'),
            status: row.getAttribute('data-status') ?? '',
            additions: count('.additions'),
            deletions: count('.deletions'),
          };
        }),
      );
  }

  /** Waits until the file rows satisfy `ok` (the panel refreshes by itself). */
  async waitForFiles(
    ok: (rows: ChangedFileRow[]) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<ChangedFileRow[]> {
    return poll(() => this.files(), ok, what, timeoutMs);
  }

  /** The row of one file; paths may hold any character, so it is found by its data, not a selector. */
  async fileRow(path: string): Promise<Locator> {
    const rows = this.fileList().locator('[data-path]');
    const index = await rows.evaluateAll(
      (elements, wanted) => elements.findIndex((e) => e.getAttribute('data-path') === wanted),
      path,
    );
    if (index < 0) throw new Error(`no changed file ${JSON.stringify(path)} in the list`);
    return rows.nth(index);
  }

  async selectFile(path: string): Promise<void> {
    await (await this.fileRow(path)).click();
    await poll(
      () => this.openPath(),
      (p) => p === path,
      `${path} to be open`,
    );
  }

  /** The path of the selected row, or null. */
  async openPath(): Promise<string | null> {
    const selected = this.fileList().locator('[data-path][aria-selected="true"]');
    return (await selected.count()) === 0 ? null : selected.first().getAttribute('data-path');
  }

  diffPane(): Locator {
    return this.panel().locator('.diff-pane');
  }

  /** The Monaco diff editor of the open file. */
  diffEditor(): Locator {
    return this.diffPane().locator('.monaco-diff-editor');
  }

  /** The note shown instead of a diff (binary, too large, symlink, submodule, type change). */
  diffNote(): Locator {
    return this.diffPane().locator('.diff-note');
  }

  /** The "Not UTF-8 — shown as Latin-1" banner. */
  latin1Banner(): Locator {
    return this.diffPane().locator('.diff-banner', { hasText: 'Latin-1' });
  }

  /** Presses a panel shortcut with the focus in the panel: Alt+ArrowDown, Alt+Shift+ArrowUp, … */
  async press(keys: string): Promise<void> {
    const focused = await this.panel().evaluate((panel) =>
      panel.contains(panel.ownerDocument.activeElement),
    );
    if (!focused) await this.panel().locator('.changes-title').click();
    await this.page.keyboard.press(keys);
  }

  comments(): Locator {
    return this.panel().locator('.review-comment');
  }

  async commentItems(): Promise<CommentListItem[]> {
    return this.comments().evaluateAll((items) =>
      items.map((item) => {
        const group = item.closest('.comment-group');
        const text = (selector: string): string =>
          (item.querySelector(selector)?.textContent ?? '').trim();
        const badges = [...item.querySelectorAll('.badge')].map((b) => b.textContent?.trim());
        const original = item.querySelector('.review-comment-lines');
        return {
          path: group?.getAttribute('aria-label') ?? '',
          lines: text('.review-comment-where'),
          body: text('.review-comment-body'),
          state: badges.includes('Sent') ? 'Sent' : 'Pending',
          resolved: badges.includes('Resolved'),
          outdated: badges.includes('Outdated'),
          originalLines: original ? (original.textContent ?? '') : null,
        } as const;
      }),
    );
  }

  /** The composer's chip of pending comments: `3 comments on 2 files`, or '' when there is none. */
  async chipText(): Promise<string> {
    const chip = this.page.locator('.review-chip');
    return (await chip.count()) === 0 ? '' : (await chip.innerText()).trim();
  }

  async clickChip(): Promise<void> {
    await this.page.locator('.review-chip').click();
    await this.panel().waitFor();
  }
}

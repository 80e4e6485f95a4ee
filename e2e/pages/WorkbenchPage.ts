import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

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

  // Projects and repositories (issue 5).

  newSessionDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'New session' });
  }

  /**
   * Creates a session from a project through the New session dialog. `repos`, when given, lists
   * the repositories to tick (the others are unticked), each optionally on another base branch.
   * Returns without waiting for the dialog to close, so a test can read its errors.
   */
  async createSessionFrom(options: {
    project: string;
    name: string;
    task?: string;
    branch?: string;
    repos?: { name: string; baseBranch?: string }[];
    primary?: string;
    /** The engine's name (its option reads `name — health`). */
    engine?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'New session' }).first().click();
    const dialog = this.newSessionDialog();
    if (options.engine !== undefined) {
      const select = dialog.getByLabel('Engine', { exact: true });
      const value = await select
        .locator('option', { hasText: new RegExp(`^${options.engine} — `) })
        .getAttribute('value');
      await select.selectOption(value ?? '');
    }
    await dialog.getByLabel('Project', { exact: true }).selectOption({ label: options.project });
    await dialog.getByLabel('Name', { exact: true }).fill(options.name);
    if (options.repos) {
      const wanted = new Map(options.repos.map((r) => [r.name, r]));
      const boxes = dialog.getByRole('checkbox');
      for (let i = 0; i < (await boxes.count()); i += 1) {
        const box = boxes.nth(i);
        const name = (await box.locator('xpath=..').innerText()).trim();
        await box.setChecked(wanted.has(name));
        const baseBranch = wanted.get(name)?.baseBranch;
        if (baseBranch !== undefined) {
          await dialog.getByLabel(`${name} base branch`, { exact: true }).selectOption(baseBranch);
        }
      }
    }
    if (options.primary !== undefined) {
      await dialog.getByLabel('Primary repository', { exact: true }).selectOption(options.primary);
    }
    if (options.branch !== undefined) {
      await dialog.getByLabel('Branch', { exact: true }).fill(options.branch);
    }
    if (options.task !== undefined) {
      await dialog.getByLabel('Task', { exact: true }).fill(options.task);
    }
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  }

  /** "Show log" under the creation progress, and the log it opens. */
  async showCreationLog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Show log' }).click();
    return this.page.getByLabel('Creation log');
  }

  primaryRepositorySelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Primary repository', exact: true });
  }

  /** The primary repository's branch state: `berth/x · 2 ahead · 0 behind · 3 changed`. */
  branchState(): Locator {
    return this.page.getByRole('status', { name: 'Branch state' });
  }

  async waitForBranchState(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return poll(
      () => this.branchState().innerText(),
      (t) => pattern.test(t),
      `branch state ${pattern}`,
      timeoutMs,
    );
  }

  /** The info toasts and the error toasts. */
  notifications(): Locator {
    return this.page.getByRole('status', { name: 'Notifications' });
  }

  errorToasts(): Locator {
    return this.page.getByRole('alert', { name: 'Errors' });
  }

  /** Clicks "Bring branch home" and returns the toast that answers it (info or error). */
  async bringHome(timeoutMs = 120_000): Promise<{ kind: 'info' | 'error'; text: string }> {
    return this.runRepositoryAction('Bring branch home', 'Bringing home…', timeoutMs);
  }

  /** Clicks "Push" (after a pull request exists) and returns the toast that answers it. */
  async push(timeoutMs = 120_000): Promise<{ kind: 'info' | 'error'; text: string }> {
    return this.runRepositoryAction('Push', 'Pushing…', timeoutMs);
  }

  /** Opens the Create pull request dialog and waits for its draft. */
  async openCreatePullRequest(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create pull request' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create pull request' });
    await dialog.waitFor();
    await poll(
      () => dialog.getByText(/^Drafting/).count(),
      (n) => n === 0,
      'the pull request draft',
    );
    return dialog;
  }

  /**
   * Fills and submits the Create pull request dialog; resolves when it closed ('created') or
   * shows an error ('refused', the dialog stays open).
   */
  async createPullRequest(
    fields: { title?: string; description?: string } = {},
    timeoutMs = 120_000,
  ): Promise<'created' | 'refused'> {
    const dialog = await this.openCreatePullRequest();
    if (fields.title !== undefined) await dialog.getByLabel('Title').fill(fields.title);
    if (fields.description !== undefined) {
      await dialog.getByLabel('Description').fill(fields.description);
    }
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const outcome = await poll(
      async () =>
        (await dialog.count()) === 0
          ? 'created'
          : (await dialog.getByRole('alert').count()) > 0
            ? 'refused'
            : 'waiting',
      (o) => o !== 'waiting',
      'the pull request to be created or refused',
      timeoutMs,
    );
    return outcome as 'created' | 'refused';
  }

  /** The link to the session's pull request ("Pull request #N"), once there is one. */
  pullRequestLink(): Locator {
    return this.page.getByRole('link', { name: /^Pull request #\d+$/ });
  }

  /** The pull request's state as shown beside its link: open, closed or merged. */
  pullRequestState(): Locator {
    return this.page.locator('.pr-state');
  }

  /** The session's task as shown in the overview (its text, line breaks kept). */
  task(): Locator {
    return this.page.getByRole('region', { name: 'Task' }).locator('.task-text');
  }

  /** The session's repositories in the overview, one list item each. */
  overviewRepositories(): Locator {
    return this.page.getByRole('region', { name: 'Repositories' }).getByRole('listitem');
  }

  private async runRepositoryAction(
    name: string,
    busyName: string,
    timeoutMs: number,
  ): Promise<{ kind: 'info' | 'error'; text: string }> {
    // Earlier toasts are dismissed first, so the one that answers is the only one.
    const toasts = this.page.locator('.toast');
    // A toast can also time out by itself between the count and the click: a click that
    // finds nothing gives way to the next count.
    while ((await toasts.count()) > 0) {
      await toasts
        .first()
        .getByRole('button', { name: 'Dismiss' })
        .click({ timeout: 2_000 })
        .catch(() => undefined);
    }
    await this.page.getByRole('button', { name, exact: true }).click();
    await poll(
      () => this.page.getByRole('button', { name: busyName }).count(),
      (n) => n === 0,
      `${name} to finish`,
      timeoutMs,
    );
    await poll(
      () => toasts.count(),
      (n) => n > 0,
      `a toast after ${name}`,
    );
    const toast = toasts.first();
    const kind = (await toast.getAttribute('data-kind')) === 'error' ? 'error' : 'info';
    return { kind, text: (await toast.locator('.toast-message').innerText()).trim() };
  }
}
